package com.truustrules.rule;

import com.truustrules.rule.YamlNodes.YamlException;
import com.truustrules.rule.expr.Budget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads a rules folder: offers.yaml, then every other *.yaml / *.yml file beside it. Plain Java with
 * no container, so the command line (validate, test) runs exactly the checks the service runs.
 */
public final class RuleLoader {

    public static final String OFFERS_FILE = "offers.yaml";

    private final Path dir;
    private final Clock clock;
    private final Budget budget;
    private final Map<String, String> offerStarts;
    private final Instant startup;

    /** A loader whose rules may take {@link Budget#DEFAULT_TIMEOUT} per evaluation (the command line, tests). */
    public RuleLoader(Path dir, Clock clock) {
        this(dir, clock, Budget.DEFAULT);
    }

    /** @param budget the time each evaluation of a rule's 'when' or 'once-per' may take */
    public RuleLoader(Path dir, Clock clock, Budget budget) {
        this(dir, clock, budget, Map.of());
    }

    /**
     * @param offerStarts offers moved to start at another time (an ISO-8601 instant, or {@code startup}
     *        for the time this loader was made), keeping their length: truust.rules.offer-starts
     */
    public RuleLoader(Path dir, Clock clock, Budget budget, Map<String, String> offerStarts) {
        this.dir = dir;
        this.clock = clock;
        this.budget = budget;
        this.offerStarts = Map.copyOf(offerStarts);
        this.startup = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    public Path dir() {
        return dir;
    }

    public LoadResult load() {
        List<RuleError> errors = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            errors.add(new RuleError(dir.toString(), 0, null, "the rules folder does not exist"));
            return new LoadResult(null, errors);
        }
        List<RuleError> warnings = new ArrayList<>();
        Map<String, Offer> offers = offers(errors, warnings);
        List<Rule> rules = new ArrayList<>();
        for (Path file : ruleFiles(errors)) {
            rules.addAll(read(dir.relativize(file).toString(), readText(file, errors), errors, warnings));
        }
        return result(rules, offers, errors, warnings);
    }

    /** Checks one file's text as if it were in the folder (offers, pools and templates from the folder). */
    public LoadResult validate(String name, String text) {
        List<RuleError> errors = new ArrayList<>();
        List<RuleError> warnings = new ArrayList<>();
        Map<String, Offer> offers = Files.isDirectory(dir) ? offers(new ArrayList<>(), new ArrayList<>()) : Map.of();
        return result(read(name, text, errors, warnings), offers, errors, warnings);
    }

    private LoadResult result(List<Rule> rules, Map<String, Offer> offers, List<RuleError> errors, List<RuleError> warnings) {
        rejectDuplicateIds(rules, errors);
        if (!errors.isEmpty()) {
            return new LoadResult(null, List.copyOf(errors), List.copyOf(warnings));
        }
        String version = Integer.toHexString(rules.stream().map(Rule::version).toList().hashCode() ^ offers.hashCode());
        return new LoadResult(new RuleSet(rules, offers, version, clock.instant()), List.of(), List.copyOf(warnings));
    }

    private List<Rule> read(String name, String text, List<RuleError> errors, List<RuleError> warnings) {
        return text == null ? List.of() : new RuleFileReader(name, text, new ActionChecker(dir, name, warnings), budget, errors).read();
    }

    private List<Path> ruleFiles(List<RuleError> errors) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(f -> !f.getFileName().toString().equals(OFFERS_FILE))
                    .sorted().toList();
        } catch (IOException e) {
            errors.add(new RuleError(dir.toString(), 0, null, "cannot list the rules folder: " + e.getMessage()));
            return List.of();
        }
    }

    private static String readText(Path file, List<RuleError> errors) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            errors.add(new RuleError(file.getFileName().toString(), 0, null, "cannot read the file: " + e.getMessage()));
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(in).toString();
        } catch (CharacterCodingException e) {
            // Files.readString says only "Input length = 1": name the line, as for every other mistake.
            errors.add(new RuleError(file.getFileName().toString(), lineAt(bytes, in.position()), null,
                    "the file is not UTF-8 text: save it as UTF-8"));
            return null;
        }
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }

    private static void rejectDuplicateIds(List<Rule> rules, List<RuleError> errors) {
        Map<String, Rule> seen = new HashMap<>();
        for (Rule rule : rules) {
            Rule first = seen.putIfAbsent(rule.id(), rule);
            if (first != null) {
                errors.add(new RuleError(rule.file(), rule.line(), rule.id(),
                        "duplicate rule id '" + rule.id() + "' (first in " + first.file() + " line " + first.line() + ")"));
            }
        }
    }

    private Map<String, Offer> offers(List<RuleError> errors, List<RuleError> warnings) {
        Path file = dir.resolve(OFFERS_FILE);
        if (!Files.isRegularFile(file)) {
            offerStarts.keySet().forEach(name -> warnings.add(unknownOffer(name)));
            return Map.of();
        }
        String text = readText(file, errors);
        try {
            return text == null ? Map.of() : moved(parseOffers(text), warnings);
        } catch (YamlException e) {
            errors.add(new RuleError(OFFERS_FILE, e.line, e.column, null, e.getMessage()));
            return Map.of();
        }
    }

    /** Applies truust.rules.offer-starts; each moved offer is a warning, so nobody mistakes it for the file's window. */
    private Map<String, Offer> moved(Map<String, Offer> offers, List<RuleError> warnings) throws YamlException {
        Map<String, Offer> result = new LinkedHashMap<>(offers);
        for (Map.Entry<String, String> setting : offerStarts.entrySet()) {
            Offer offer = offers.get(setting.getKey());
            if (offer == null) {
                warnings.add(unknownOffer(setting.getKey()));
                continue;
            }
            Offer shifted = offer.startingAt(settingTime(setting));
            result.put(offer.name(), shifted);
            warnings.add(new RuleError(OFFERS_FILE, 1, null, "offer '" + offer.name() + "' runs from " + shifted.start()
                    + (shifted.end() == null ? "" : " to " + shifted.end()) + ", not from " + offer.start()
                    + ": moved by the setting truust.rules.offer-starts." + offer.name()));
        }
        return result;
    }

    private Instant settingTime(Map.Entry<String, String> setting) throws YamlException {
        String value = setting.getValue().trim();
        try {
            return value.equalsIgnoreCase("startup") ? startup : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new YamlException(1, 0, "the setting truust.rules.offer-starts." + setting.getKey() + " is '" + value
                    + "', not 'startup' or a time such as 2026-11-27T00:00:00Z");
        }
    }

    private static RuleError unknownOffer(String name) {
        return new RuleError(OFFERS_FILE, 0, null, "the setting truust.rules.offer-starts." + name
                + " names an offer that " + OFFERS_FILE + " does not have");
    }

    private static Map<String, Offer> parseOffers(String text) throws YamlException {
        Node root = YamlNodes.parse(text);
        Map<String, Offer> offers = new LinkedHashMap<>();
        if (root == null) {
            return offers;
        }
        Map<String, NodeTuple> top = YamlNodes.entries(root, "offers.yaml");
        if (!top.keySet().equals(java.util.Set.of("offers"))) {
            throw new YamlException(root, "offers.yaml holds one key, 'offers'");
        }
        for (Map.Entry<String, NodeTuple> entry : YamlNodes.entries(top.get("offers").getValueNode(), "'offers'").entrySet()) {
            offers.put(entry.getKey(), offer(entry.getKey(), entry.getValue().getValueNode()));
        }
        return offers;
    }

    private static Offer offer(String name, Node node) throws YamlException {
        Map<String, NodeTuple> fields = YamlNodes.entries(node, "offer '" + name + "'");
        for (String key : fields.keySet()) {
            if (!key.equals("start") && !key.equals("end")) {
                throw new YamlException(fields.get(key).getKeyNode(),
                        "unknown key '" + key + "' in offer '" + name + "' (an offer takes: start, end)");
            }
        }
        if (!fields.containsKey("start")) {
            throw new YamlException(node, "offer '" + name + "' needs a 'start'");
        }
        Instant start = time(fields.get("start").getValueNode());
        Instant end = fields.containsKey("end") ? time(fields.get("end").getValueNode()) : null;
        if (end != null && !end.isAfter(start)) {
            throw new YamlException(fields.get("end").getValueNode(), "offer '" + name + "' ends before it starts");
        }
        return new Offer(name, start, end);
    }

    /** 2026-11-27T00:00:00Z, 2026-11-27T00:00:00+01:00, or a date (midnight UTC). */
    static Instant time(Node node) throws YamlException {
        String text = YamlNodes.text(node, "time").trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(text.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException e) {
            throw new YamlException(node, "'" + text + "' is not a time such as 2026-11-27T00:00:00Z");
        }
    }
}
