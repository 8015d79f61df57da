package dev.gridexec.report;

import static dev.gridexec.report.Fixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gridexec.experiment.Configuration;
import dev.gridexec.experiment.ExperimentReport;
import dev.gridexec.wire.Mode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class SvgReportTest {

    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    @Test
    void svgParsesAsXmlWithOnePolylinePerLabel() throws Exception {
        Document svg = parse(Fixtures.write(ReportFormat.SVG, Fixtures.talk()));

        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo(SVG_NS);
        assertThat(attributes(withClass(svg, "polyline", "series"), "data-label"))
                .containsExactly("gil", "slots", "threads", "node-processes (threads)");
    }

    @Test
    void svgHasATitleAxesWithUnitsTheIdealLineAndALegendEntryPerLine() throws Exception {
        Document svg = parse(Fixtures.write(ReportFormat.SVG, Fixtures.talk()));

        assertThat(texts(withClass(svg, "text", "title"))).containsExactly("talk: speedup vs total workers");
        assertThat(texts(withClass(svg, "text", "subtitle")).get(0)).contains("primes", "16 chunks");
        assertThat(texts(withClass(svg, "text", "axis-label"))).containsExactly(
                "total workers (nodes × workers per node)", "speedup (×, vs the same label at 1 node × 1 worker)");
        List<Element> ideal = withClass(svg, "line", "ideal");
        assertThat(ideal).hasSize(1);
        assertThat(ideal.get(0).getAttribute("stroke-dasharray")).isNotEmpty();
        assertThat(texts(withClass(svg, "text", "legend-entry"))).containsExactly("gil", "slots", "threads",
                "node-processes (threads)", "ideal (speedup = total workers)");
    }

    @Test
    void eachMeasuredPointHasAMarkerNamingItsConfigurationAndNoisyOnesAreHollow() throws Exception {
        Document svg = parse(Fixtures.write(ReportFormat.SVG, Fixtures.talk()));

        List<String> titles = new ArrayList<>();
        NodeList all = svg.getElementsByTagNameNS(SVG_NS, "title");
        for (int i = 1; i < all.getLength(); i++) {
            titles.add(all.item(i).getTextContent());
        }
        assertThat(titles).hasSize(8).contains("threads 1 node × 2 workers: speedup 1.95, median 505.0 ms, NOISY",
                "node-processes (threads) 2 nodes × 1 worker: speedup 1.94, median 520.0 ms");
        Element noisy = (Element) all.item(titles.indexOf(
                "threads 1 node × 2 workers: speedup 1.95, median 505.0 ms, NOISY") + 1).getParentNode();
        assertThat(noisy.getAttribute("fill")).isEqualTo("white");
    }

    @Test
    void svgEscapesTextFromTheSpecAndTheLabels() throws Exception {
        Configuration odd = new Configuration("a<b & \"c\"", Mode.THREADS, 1, 1);
        ExperimentReport measured = Fixtures.measured(odd, ms(100, 100));
        ExperimentReport report = new ExperimentReport(measured.context(),
                Fixtures.json("{\"name\": \"x</text><script>'\\u0001\"}"), measured.samples(), List.of(), List.of());

        Document svg = parse(Fixtures.write(ReportFormat.SVG, report));

        assertThat(texts(withClass(svg, "text", "title"))).containsExactly("x</text><script>': speedup vs total workers");
        assertThat(attributes(withClass(svg, "polyline", "series"), "data-label"))
                .containsExactly("a<b & \"c\" (threads)");
    }

    @Test
    void aLabelWithTwoLayoutsAtTheSameTotalWorkersIsSplitByNodes() throws Exception {
        ExperimentReport report = Fixtures.measured(Fixtures.THREADS_1, ms(1000), Fixtures.THREADS_2, ms(500),
                new Configuration("threads", Mode.THREADS, 2, 1), ms(520),
                new Configuration("threads", Mode.THREADS, 2, 2), ms(260));

        Document svg = parse(Fixtures.write(ReportFormat.SVG, report));

        List<Element> lines = withClass(svg, "polyline", "series");
        assertThat(attributes(lines, "data-label")).containsExactly("threads, 1 node", "threads, 2 nodes");
        assertThat(lines.get(0).getAttribute("points").split(" ")).hasSize(2);
        assertThat(lines.get(1).getAttribute("points").split(" ")).hasSize(2);
    }

    @Test
    void aLabelWithoutABaselineIsNamedInTheLegendButNotPlotted() throws Exception {
        ExperimentReport report = Fixtures.measured(Fixtures.THREADS_1, ms(1000), Fixtures.PROCESSES_2, ms(520));

        Document svg = parse(Fixtures.write(ReportFormat.SVG, report));

        assertThat(attributes(withClass(svg, "polyline", "series"), "data-label")).containsExactly("threads");
        assertThat(texts(withClass(svg, "text", "legend-entry"))).contains("node-processes (threads):");
    }

    @Test
    void axesCoverTheDataInAtMostEightRoundSteps() {
        assertThat(SvgReport.Axis.covering(2, 1)).isEqualTo(new SvgReport.Axis(2, 1));
        assertThat(SvgReport.Axis.covering(2, 0.5)).isEqualTo(new SvgReport.Axis(2, 0.5));
        assertThat(SvgReport.Axis.covering(3.3, 0.5)).isEqualTo(new SvgReport.Axis(3.5, 0.5));
        assertThat(SvgReport.Axis.covering(16, 1)).isEqualTo(new SvgReport.Axis(16, 2));
        assertThat(SvgReport.Axis.covering(17.8, 0.5)).isEqualTo(new SvgReport.Axis(20, 5));
        assertThat(SvgReport.Axis.covering(64, 1).ticks()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0,
                70.0);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static List<Element> withClass(Document svg, String tag, String cssClass) {
        List<Element> found = new ArrayList<>();
        NodeList all = svg.getElementsByTagNameNS(SVG_NS, tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.getAttribute("class").equals(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> attributes(List<Element> elements, String name) {
        return elements.stream().map(e -> e.getAttribute(name)).toList();
    }

    private static List<String> texts(List<Element> elements) {
        return elements.stream().map(Element::getTextContent).toList();
    }
}
