package civic.exchange.mapping.transform;

import civic.exchange.errors.ErrorCode;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code {regex: {pattern: "^(\\d+)", group: 1}}} (or {@code {regex: "^(\\d+)"}}): the part of the
 * text that a group of the first match captures; group 1 when the pattern has groups, else the whole
 * match; a group may be named. Text without a match is {@code INVALID_VALUE}, or absent with
 * {@code unmatched: absent}. The pattern is compiled once, at load.
 */
final class RegexTransform {

    private RegexTransform() {
    }

    static Transform create(Object argument) {
        Arguments args = Arguments.of("regex", argument, "pattern", Set.of("pattern", "group", "unmatched"));
        String source = args.requiredText("pattern");
        Pattern pattern;
        try {
            pattern = Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("transform 'regex': invalid pattern: " + e.getDescription()
                    + " near index " + e.getIndex() + " of '" + source + "'");
        }
        int groups = pattern.matcher("").groupCount();
        String group = args.text("group", groups >= 1 ? "1" : "0");
        int index = -1;
        if (group.chars().allMatch(Character::isDigit) && !group.isEmpty()) {
            index = Integer.parseInt(group);
            if (index > groups) {
                throw new IllegalArgumentException("transform 'regex': group " + index + " does not exist (the pattern has "
                        + groups + " groups)");
            }
        } else if (!source.contains("(?<" + group + ">")) {
            throw new IllegalArgumentException("transform 'regex': the pattern has no group named '" + group + "'");
        }
        String unmatched = args.text("unmatched", "reject");
        if (!unmatched.equals("reject") && !unmatched.equals("absent")) {
            throw new IllegalArgumentException("transform 'regex': 'unmatched' is reject or absent, not '" + unmatched + "'");
        }
        boolean absentWhenUnmatched = unmatched.equals("absent");
        int groupIndex = index;
        String groupName = group;
        return Transforms.text("regex", text -> {
            Matcher matcher = pattern.matcher(text);
            if (!matcher.find()) {
                if (absentWhenUnmatched) {
                    return null;
                }
                throw new InvalidValueException(ErrorCode.INVALID_VALUE, Values.describe(text)
                        + " does not match the pattern " + Values.abbreviate(source));
            }
            return groupIndex >= 0 ? matcher.group(groupIndex) : matcher.group(groupName);
        });
    }
}
