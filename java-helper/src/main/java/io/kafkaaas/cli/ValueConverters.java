package io.kafkaaas.cli;

import io.kafkaaas.core.AvailabilityZone;
import io.kafkaaas.core.BrokerCount;
import io.kafkaaas.core.BrokerId;
import io.kafkaaas.core.ClusterName;
import io.kafkaaas.core.InstanceId;
import io.kafkaaas.core.InvalidValueException;
import io.kafkaaas.core.KafkaClusterId;
import io.kafkaaas.core.Seconds;
import io.kafkaaas.core.TagPrefix;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.util.function.Function;

/**
 * The domain's value types as option types: each is parsed by its own one parser, and a bad value becomes the
 * one-line exit 2 that names the option ("--broker-id 4096 is out of range 0-4095"), before any command runs.
 */
final class ValueConverters {
    private ValueConverters() {
    }

    static CommandLine register(CommandLine commandLine) {
        return commandLine
                .registerConverter(BrokerId.class, converter(BrokerId::parse))
                .registerConverter(BrokerCount.class, converter(BrokerCount::parse))
                .registerConverter(AvailabilityZone.class, converter(AvailabilityZone::parse))
                .registerConverter(InstanceId.class, converter(InstanceId::parse))
                .registerConverter(ClusterName.class, converter(ClusterName::parse))
                .registerConverter(KafkaClusterId.class, converter(KafkaClusterId::parse))
                .registerConverter(TagPrefix.class, converter(TagPrefix::parse))
                .registerConverter(Seconds.class, converter(Seconds::parse));
    }

    /** The message of a parse failure: ours name the option in front of the value's own message. */
    static String message(ParameterException ex) {
        if (ex.getCause() instanceof InvalidValue invalid && ex.getArgSpec() instanceof OptionSpec option) {
            return option.longestName() + " " + invalid.getMessage();
        }
        return ex.getMessage();
    }

    private static <T> ITypeConverter<T> converter(Function<String, T> parse) {
        return text -> {
            try {
                return parse.apply(text);
            } catch (InvalidValueException e) {
                throw new InvalidValue(e.getMessage());
            }
        };
    }

    private static final class InvalidValue extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        InvalidValue(String message) {
            super(message);
        }
    }
}
