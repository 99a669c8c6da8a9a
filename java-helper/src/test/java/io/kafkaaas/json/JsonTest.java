package io.kafkaaas.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    enum Style { none, policy }

    record Step(long ms, boolean changed, Optional<String> reason) {
    }

    @Test
    void printsWhatDatabindPrintedForTheValuesResultsHold() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("ms", 12L);
        nested.put("ratio", 0.25);
        nested.put("none", null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("changed", true);
        result.put("brokerId", 3);
        result.put("text", "quote \" backslash \\ newline \n tab \t unicode é ☃ control \u0001");
        result.put("list", List.of(1, "two", false));
        result.put("withNull", Arrays.asList("a", null));
        result.put("nested", nested);
        result.put("big", new BigDecimal("12345678901234567890.5"));
        result.put("long", Long.MAX_VALUE);
        result.put("negative", -1.5e-7);

        assertThat(Json.write(result)).isEqualTo(DATABIND.writeValueAsString(result));
        assertThat(new String(Json.writeBytes(result), StandardCharsets.UTF_8)).isEqualTo(DATABIND.writeValueAsString(result));
    }

    @Test
    void optionalsEnumsAndRecordsPrintAsTheirValues() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("device", Optional.of("/dev/nvme1n1"));
        result.put("mountPoint", Optional.empty());
        result.put("style", Style.policy);
        result.put("steps", List.of(Optional.of(Map.of("a", Optional.empty()))));
        result.put("step", new Step(7, false, Optional.empty()));
        result.put("array", new Object[] {1, null});

        assertThat(Json.write(result)).isEqualTo("{\"device\":\"/dev/nvme1n1\",\"mountPoint\":null,\"style\":\"policy\","
                + "\"steps\":[{\"a\":null}],\"step\":{\"ms\":7,\"changed\":false,\"reason\":null},\"array\":[1,null]}");
    }

    @Test
    void aJacksonTreeInsideAResultPrintsAsTheJsonItHolds() throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("waitHealthy", DATABIND.readTree("{\"partitions\":6,\"outOfIsr\":[],\"nested\":{\"a\":[1,2.5,null,true]}}"));
        row.put("empty", DATABIND.createObjectNode());
        row.put("text", DATABIND.readTree("\"x\""));

        assertThat(Json.write(row)).isEqualTo("{\"waitHealthy\":{\"partitions\":6,\"outOfIsr\":[],\"nested\":{\"a\":[1,2.5,null,true]}},"
                + "\"empty\":{},\"text\":\"x\"}");
        assertThat(Json.write(row)).isEqualTo(DATABIND.writeValueAsString(row));
    }

    @Test
    void readsObjectsArraysAndScalarsAsPlainValues() throws IOException {
        Object value = Json.read("[{\"ifname\":\"eth1\",\"flags\":[\"UP\"],\"n\":24,\"big\":12345678901,\"f\":1.5,"
                + "\"t\":true,\"x\":null,\"s\":\"é\"}] trailing");

        assertThat(value).isEqualTo(List.of(map("ifname", "eth1", "flags", List.of("UP"), "n", 24, "big", 12345678901L,
                "f", 1.5, "t", true, "x", null, "s", "é")));
        assertThat(Json.read("{\"a\":{\"b\":[]}}".getBytes(StandardCharsets.UTF_8))).isEqualTo(map("a", map("b", List.of())));
    }

    @Test
    void aRoundTripKeepsTheOrderOfKeys() throws IOException {
        Map<String, Object> ordered = map("z", 1, "a", 2, "m", List.of(map("y", "1", "b", "2")));
        assertThat(Json.read(Json.write(ordered))).isEqualTo(ordered);
        assertThat(List.copyOf(((Map<?, ?>) Json.read(Json.write(ordered))).keySet())).isEqualTo(List.of("z", "a", "m"));
    }

    @Test
    void emptyOrBrokenInputIsAnIoErrorThatSaysWhy() {
        assertThatThrownBy(() -> Json.read("")).isInstanceOf(IOException.class).hasMessageContaining("no JSON value");
        assertThatThrownBy(() -> Json.read("{\"a\":")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Json.read("not json")).isInstanceOf(IOException.class);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
