using Tomlyn.Syntax;

namespace TieredFs.Daemon.Config;

/// <summary>Small helpers for reading names, lines and type names out of Tomlyn's syntax tree.</summary>
internal static class TomlNames
{
    /// <summary>The full dotted name of a key ("a.b.c"), unquoted.</summary>
    public static string Of(KeySyntax? key)
    {
        if (key is null) return "";
        var parts = new List<string> { Segment(key.Key) };
        foreach (var dotted in key.DotKeys) parts.Add(Segment(dotted.Key));
        return string.Join('.', parts);
    }

    /// <summary>True when the key is written with dots ("a.b = 1"), which we never accept inside our tables.</summary>
    public static bool IsDotted(KeySyntax? key) => key is not null && key.DotKeys.ChildrenCount > 0;

    /// <summary>1-based line where the node starts (Tomlyn counts from 0); 0 when unknown.</summary>
    public static int LineOf(SyntaxNode? node) => node is null ? 0 : LineOf(node.Span);

    public static int LineOf(SourceSpan span) => span.Start.Line >= 0 ? span.Start.Line + 1 : 0;

    /// <summary>TOML's own name for the type of a value, for "expected X, got Y" messages.</summary>
    public static string TypeOf(ValueSyntax? value) => value switch
    {
        StringValueSyntax => "string",
        IntegerValueSyntax => "integer",
        FloatValueSyntax => "float",
        BooleanValueSyntax => "boolean",
        DateTimeValueSyntax => "date-time",
        ArraySyntax => "array",
        InlineTableSyntax => "inline table",
        null => "nothing",
        _ => value.GetType().Name,
    };

    private static string Segment(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };
}
