package dev.gridexec.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.gridexec.wire.JobRecord;
import dev.gridexec.wire.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /jobs}: at most {@code limit} records, newest first, after the cursor, and the cursor
 * of the next page (null on the last one). The cursor is the id of the page's last job; records leave out
 * their results unless asked ({@code results=true}), so that a page stays small whatever the jobs computed.
 *
 * @param jobs the records on this page
 * @param next the {@code after} value for the next page; null when there is none
 */
@JsonPropertyOrder({"jobs", "next"})
record JobPage(List<JobRecord> jobs, String next) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** What {@code GET /jobs?limit=N&after=CURSOR&results=BOOL} asks for, or the problem with its query. */
    record Query(int limit, String after, boolean results) {

        /** The query from the request's parameters (first value of each); problems go to {@code problems}. */
        static Query parse(Map<String, String> params, List<Problem> problems) {
            int limit = DEFAULT_LIMIT;
            String text = params.get("limit");
            if (text != null) {
                try {
                    limit = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    limit = -1;
                }
                if (limit < 1 || limit > MAX_LIMIT) {
                    problems.add(new Problem("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", got '"
                            + printable(text) + "'"));
                }
            }
            String after = params.get("after");
            if (after != null && after.isBlank()) {
                problems.add(new Problem("after", "must be the 'next' of the previous page, got an empty value"));
            }
            String results = params.getOrDefault("results", "false");
            if (!results.equals("true") && !results.equals("false")) {
                problems.add(new Problem("results", "must be true or false, got '" + printable(results) + "'"));
            }
            return new Query(limit, after, results.equals("true"));
        }
    }

    /**
     * The page of {@code all} (newest first) that {@code query} asks for; null when its cursor names no job
     * that is still kept.
     */
    static JobPage of(List<JobRecord> all, Query query) {
        int start = 0;
        if (query.after() != null) {
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).id().equals(query.after())) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                return null;
            }
        }
        int end = Math.min(all.size(), start + query.limit());
        List<JobRecord> jobs = new ArrayList<>(end - start);
        for (JobRecord record : all.subList(start, end)) {
            jobs.add(query.results() ? record : record.withoutResult());
        }
        return new JobPage(jobs, end < all.size() && !jobs.isEmpty() ? jobs.get(jobs.size() - 1).id() : null);
    }

    private static String printable(String text) {
        String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }
}
