package org.remoteassistance.deadletters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.remoteassistance.deadletters.DeadLetter.Origin;

/**
 * {@code bin/dead-letters}: lists the records on the dead-letter topic with their reason and origin, and replays them
 * on their origin topic once the cause is fixed, so that the consumers that refused them try again.
 */
public final class DeadLettersMain {

    static final String USAGE = """
            Usage: bin/dead-letters list   [filters] [--bootstrap-servers HOST:PORT]
                   bin/dead-letters replay (--all | filters) [--again] [--dry-run] [--bootstrap-servers HOST:PORT]

            list     one line per dead letter, tab-separated: where it is on the dead-letter topic (partition@offset),
                     when it was dead-lettered, its origin (topic-partition@offset), the event's type, id, source, key
                     and time, whether it was replayed (and where to), and the reason.
            replay   publishes each selected dead-lettered record again on its origin topic and partition: the same
                     key, value and ce_*/content-type headers, without the dead-letter-* headers, with
                     replayed-from: <origin>. A record several consumers refused (one dead letter each) is replayed
                     once. A record replayed before is skipped unless --again; a second replay would be harmless
                     anyway: every consumer's inbox recognises the event id.

            filters (all must match):
              --topic TOPIC          origin topic, e.g. remote-assistance.session-requested or session-requested
              --reason TEXT          the reason contains TEXT (any case)
              --id EVENT_ID          the event's ce_id
              --dead-letter P@O      the one dead letter at partition P, offset O of the dead-letter topic
            --all                    replay every dead letter (with filters: every one that matches)
            --again                  replay records that were replayed before, too
            --dry-run                print what would be replayed, publish nothing

            Kafka: --bootstrap-servers, else KAFKA_BOOTSTRAP_SERVERS, else localhost:9092; every other KAFKA_<SETTING>
            environment variable as the services take it (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM,
            KAFKA_SASL_JAAS_CONFIG, KAFKA_SSL_TRUSTSTORE_LOCATION, KAFKA_SSL_TRUSTSTORE_PASSWORD, ...).
            """;

    private DeadLettersMain() {
    }

    public static void main(String[] args) {
        // the Kafka clients' INFO lines (every setting of every client) would bury the answer
        org.jboss.logmanager.LogContext.getLogContext().getLogger("org.apache.kafka").setLevel(Level.WARNING);
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /**
     * Runs one command.
     *
     * @param environment where the {@code KAFKA_*} settings come from
     * @return the exit status: 0 done, 1 failed, 2 wrong usage
     */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        DeadLetters deadLetters = new DeadLetters(KafkaSettings.from(environment, options.bootstrapServers));
        try {
            if (options.command.equals("list")) {
                list(deadLetters, options, out);
            } else {
                replay(deadLetters, options, out);
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("dead-letters " + options.command + " failed: " + e.getMessage());
            return 1;
        }
    }

    private static void list(DeadLetters deadLetters, Options options, PrintStream out) {
        List<DeadLetter> letters = deadLetters.read().stream().filter(options.filter()).toList();
        Map<Origin, Origin> replays = deadLetters.replays(letters.stream().filter(DeadLetter::replayable)
                .map(DeadLetter::origin).distinct().toList());
        out.println(String.join("\t", "DEAD-LETTER", "DEAD-LETTERED-AT", "ORIGIN", "TYPE", "ID", "SOURCE", "KEY",
                "TIME", "REPLAYED", "REASON"));
        for (DeadLetter letter : letters) {
            Origin replay = letter.replayable() ? replays.get(letter.origin()) : null;
            String replayed = (replay == null ? "no" : "to " + replay)
                    + (letter.replayedFrom().isEmpty() ? "" : "; is a replay of " + letter.replayedFrom());
            out.println(String.join("\t", letter.at(), letter.deadLetteredAt().toString(),
                    letter.origin() == null ? "-" : letter.origin().toString(), shown(letter.type()),
                    shown(letter.id()), shown(letter.source()), shown(letter.keyText()), shown(letter.time()),
                    replayed, shown(letter.reason())));
        }
        out.printf("%d dead letter(s)%n", letters.size());
    }

    private static void replay(DeadLetters deadLetters, Options options, PrintStream out) {
        Map<Origin, List<DeadLetter>> byOrigin = new LinkedHashMap<>();
        for (DeadLetter letter : deadLetters.read()) {
            if (!options.filter().test(letter)) {
                continue;
            }
            if (!letter.replayable()) {
                out.printf("cannot replay %s: it names no origin (no dead-letter-topic/-partition/-offset header)%n",
                        letter.at());
                continue;
            }
            byOrigin.computeIfAbsent(letter.origin(), origin -> new ArrayList<>()).add(letter);
        }
        Map<Origin, Origin> replays = deadLetters.replays(new ArrayList<>(byOrigin.keySet()));
        int replayed = 0;
        int skipped = 0;
        try (KafkaProducer<byte[], byte[]> producer = options.dryRun ? null : deadLetters.producer()) {
            for (Map.Entry<Origin, List<DeadLetter>> entry : byOrigin.entrySet()) {
                DeadLetter letter = entry.getValue().get(0);
                String what = String.format("%s %s from %s (dead letter%s %s)", shown(letter.type()),
                        shown(letter.id()), shown(letter.source()), entry.getValue().size() > 1 ? "s" : "",
                        String.join(", ", entry.getValue().stream().map(DeadLetter::at).toList()));
                Origin earlier = replays.get(entry.getKey());
                if (earlier != null && !options.again) {
                    out.printf("skipped  %s: %s, already replayed as %s (--again to replay it anyway)%n",
                            entry.getKey(), what, earlier);
                    skipped++;
                } else if (options.dryRun) {
                    out.printf("would replay %s: %s%n", entry.getKey(), what);
                } else {
                    Origin replay = deadLetters.replay(producer, letter);
                    out.printf("replayed %s as %s: %s%n", entry.getKey(), replay, what);
                    replayed++;
                }
            }
        }
        out.printf("%d record(s) replayed, %d skipped as replayed before%s%n", replayed, skipped,
                options.dryRun ? " (dry run: nothing published)" : "");
    }

    /** A value from the record, on one line of a terminal whatever it holds. */
    static String shown(String value) {
        if (value == null || value.isEmpty()) {
            return "-";
        }
        String plain = value.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?");
        return plain.length() > 300 ? plain.substring(0, 300) + "…" : plain;
    }

    static final class Options {

        String command;
        boolean help;
        boolean all;
        boolean again;
        boolean dryRun;
        String topic;
        String reason;
        String id;
        String deadLetter;
        String bootstrapServers;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help", "help" -> options.help = true;
                    case "list", "replay" -> {
                        if (options.command != null) {
                            throw new IllegalArgumentException("one command only: " + options.command + " or " + arg);
                        }
                        options.command = arg;
                    }
                    case "--all" -> options.all = true;
                    case "--again" -> options.again = true;
                    case "--dry-run" -> options.dryRun = true;
                    case "--topic" -> options.topic = value(args, ++i, arg);
                    case "--reason" -> options.reason = value(args, ++i, arg);
                    case "--id" -> options.id = value(args, ++i, arg);
                    case "--dead-letter" -> options.deadLetter = value(args, ++i, arg);
                    case "--bootstrap-servers" -> options.bootstrapServers = value(args, ++i, arg);
                    default -> throw new IllegalArgumentException("unknown argument: " + arg);
                }
            }
            if (options.help) {
                return options;
            }
            if (options.command == null) {
                throw new IllegalArgumentException("say what to do: list or replay");
            }
            if (options.deadLetter != null && !options.deadLetter.matches("\\d+@\\d+")) {
                throw new IllegalArgumentException("--dead-letter takes partition@offset, e.g. 0@42");
            }
            boolean filtered = options.topic != null || options.reason != null || options.id != null
                    || options.deadLetter != null;
            if (options.command.equals("replay") && !options.all && !filtered) {
                throw new IllegalArgumentException("replay what? --all, or filters (--topic, --reason, --id, "
                        + "--dead-letter)");
            }
            if (options.command.equals("list") && (options.again || options.dryRun || options.all)) {
                throw new IllegalArgumentException("--all, --again and --dry-run are for replay");
            }
            return options;
        }

        Predicate<DeadLetter> filter() {
            return letter -> (topic == null || letter.origin() != null && (letter.origin().topic().equals(topic)
                    || letter.origin().topic().equals("remote-assistance." + topic)))
                    && (reason == null || letter.reason().toLowerCase(Locale.ROOT)
                            .contains(reason.toLowerCase(Locale.ROOT)))
                    && (id == null || letter.id().equals(id))
                    && (deadLetter == null || letter.at().equals(deadLetter));
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
