package dev.gridexec.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentContext;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.experiment.Json;
import dev.gridexec.experiment.Sample;
import java.io.IOException;
import java.io.Writer;
import java.util.OptionalDouble;

/**
 * {@code report.json}: the context, the spec as given, every sample, the summaries, the skipped configurations and
 * the warnings. Numbers are rounded as in the CSV files (milliseconds and ratios to 2 decimals, Karp–Flatt and cv
 * to 3); a value that cannot be computed is {@code null}.
 */
final class JsonReport implements Reporter {

    /** Bumped when a field changes meaning or disappears. */
    static final int FORMAT_VERSION = 1;

    @Override
    public void write(ExperimentReport report, Writer out) throws IOException {
        Summaries summaries = Summaries.of(report);
        try (JsonGenerator json = Json.generator(out)) {
            json.writeStartObject();
            json.writeNumberField("formatVersion", FORMAT_VERSION);
            context(json, report.context());
            json.writeFieldName("spec");
            if (report.spec() == null) {
                json.writeNull();
            } else {
                json.writeTree(report.spec());
            }
            definitions(json);
            json.writeArrayFieldStart("samples");
            for (Sample s : report.samples()) {
                json.writeStartObject();
                configuration(json, s.configuration());
                json.writeStringField("phase", s.phase().wireName());
                json.writeNumberField("repeat", s.repeat());
                json.writeNumberField("wallMs", s.wallMs());
                json.writeNumberField("computeMs", s.computeMs());
                json.writeNumberField("overheadMs", Texts.fixed(s.overheadMs(), Texts.RATIO_SCALE));
                json.writeNumberField("startupMs", s.startupMs());
                json.writeNumberField("chunks", s.chunks());
                json.writeNumberField("retried", s.retried());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("summaries");
            for (Summary s : summaries.rows()) {
                json.writeStartObject();
                configuration(json, s.configuration());
                json.writeNumberField("measuredRepeats", s.measuredRepeats());
                json.writeNumberField("medianWallMs", Texts.fixed(s.medianWallMs(), Texts.RATIO_SCALE));
                number(json, "speedup", s.speedup(), Texts.RATIO_SCALE);
                number(json, "speedupVsBest1", s.speedupVsBest1(), Texts.RATIO_SCALE);
                number(json, "efficiency", s.efficiency(), Texts.RATIO_SCALE);
                number(json, "karpFlatt", s.karpFlatt(), Texts.FINE_SCALE);
                number(json, "cv", s.cv(), Texts.FINE_SCALE);
                json.writeBooleanField("noisy", s.noisy());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("skipped");
            for (ExperimentReport.Skipped s : report.skipped()) {
                json.writeStartObject();
                configuration(json, s.configuration());
                json.writeStringField("reason", s.reason());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("warnings");
            for (String warning : summaries.warnings()) {
                json.writeString(warning);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
    }

    /** A document other than an experiment's report, in the same style. */
    static void writeDocument(Object document, Writer out) throws IOException {
        Json.write(document, out);
    }

    private static void context(JsonGenerator json, ExperimentContext c) throws IOException {
        json.writeObjectFieldStart("context");
        json.writeStringField("gridexecVersion", c.gridexecVersion());
        json.writeStringField("jvm", c.jvm());
        json.writeStringField("os", c.os());
        json.writeNumberField("processors", c.processors());
        json.writeStringField("startedAt", c.startedAt());
        json.writeStringField("coordinator", c.coordinator());
        json.writeNumberField("nodesAvailable", c.nodesAvailable());
        json.writeArrayFieldStart("command");
        for (String arg : c.command() == null ? java.util.List.<String>of() : c.command()) {
            json.writeString(arg);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void definitions(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("definitions");
        json.writeStringField("medianWallMs", "median wall time of the measured repeats; warm-up repeats excluded");
        json.writeStringField("speedup", "the same label's 1 node × 1 worker medianWallMs / this medianWallMs");
        json.writeStringField("speedupVsBest1", "the fastest 1 node × 1 worker medianWallMs of any label / this one");
        json.writeStringField("efficiency", "speedup / totalWorkers");
        json.writeStringField("karpFlatt", "(1/speedup - 1/p) / (1 - 1/p) for p = totalWorkers > 1");
        json.writeStringField("cv", "sample standard deviation (n - 1) / mean of the measured wall times");
        json.writeStringField("noisy", "cv > " + Texts.number(Summaries.NOISY_CV, Texts.RATIO_SCALE, java.util.Locale.ROOT));
        json.writeStringField("overheadMs", "wallMs - computeMs / totalWorkers");
        json.writeEndObject();
    }

    private static void configuration(JsonGenerator json, Configuration c) throws IOException {
        json.writeStringField("label", c.label());
        json.writeStringField("mode", c.mode().wireName());
        json.writeNumberField("nodes", c.nodes());
        json.writeNumberField("workers", c.workers());
        json.writeNumberField("totalWorkers", c.totalWorkers());
    }

    private static void number(JsonGenerator json, String name, OptionalDouble value, int scale) throws IOException {
        if (value.isPresent()) {
            json.writeNumberField(name, Texts.fixed(value.getAsDouble(), scale));
        } else {
            json.writeNullField(name);
        }
    }
}
