using Tomlyn.Syntax;

namespace TieredFs.Daemon.Config;

/// <summary>
/// Typed access to the keys of one TOML table, with errors that name the file, line and dotted key.
/// Unknown and dotted keys are rejected up front so a typo never silently falls back to a default.
/// </summary>
internal sealed class TableReader
{
    private readonly string _source;
    private readonly string _prefix;
    private readonly int _headerLine;
    private readonly Dictionary<string, KeyValueSyntax> _items = new(StringComparer.Ordinal);

    /// <param name="prefix">Dotted prefix used in error keys, e.g. "volume" or "tier[2]".</param>
    /// <param name="headerLine">Line of the table header, used for errors about missing keys; 0 if the table is absent.</param>
    public TableReader(string source, string prefix, int headerLine, IEnumerable<KeyValueSyntax> items, IReadOnlyCollection<string> allowed)
    {
        _source = source;
        _prefix = prefix;
        _headerLine = headerLine;
        foreach (var item in items)
        {
            var name = TomlNames.Of(item.Key);
            if (TomlNames.IsDotted(item.Key) || !allowed.Contains(name))
            {
                throw new ConfigException(source, TomlNames.LineOf(item), $"{prefix}.{name}",
                    $"unknown key (allowed in {Describe(prefix)}: {string.Join(", ", allowed)})");
            }
            // Tomlyn's validation already rejects duplicate keys, so the first one is the only one.
            _items.TryAdd(name, item);
        }
    }

    public bool Has(string key) => _items.ContainsKey(key);

    /// <summary>Builds an error for <paramref name="key"/>, located at the key if present, else at the table header.</summary>
    public ConfigException Error(string key, string detail)
    {
        var line = _items.TryGetValue(key, out var item) ? TomlNames.LineOf(item) : _headerLine;
        return new ConfigException(_source, line, $"{_prefix}.{key}", detail);
    }

    public ConfigException Missing(string key) => Error(key, "required key is missing");

    public string? GetString(string key) => Get(key) switch
    {
        null => null,
        StringValueSyntax s => s.Value ?? "",
        var other => throw WrongType(key, "a string", other),
    };

    public bool? GetBool(string key) => Get(key) switch
    {
        null => null,
        BooleanValueSyntax b => b.Value,
        var other => throw WrongType(key, "true or false", other),
    };

    public long? GetInteger(string key) => Get(key) switch
    {
        null => null,
        IntegerValueSyntax i => i.Value,
        var other => throw WrongType(key, "an integer", other),
    };

    /// <summary>A number that may be written as a float or, for convenience (e.g. "1"), an integer.</summary>
    public double? GetNumber(string key) => Get(key) switch
    {
        null => null,
        FloatValueSyntax f => f.Value,
        IntegerValueSyntax i => i.Value,
        var other => throw WrongType(key, "a number", other),
    };

    /// <summary>A size in bytes: a TOML integer, or a string parsed by <see cref="ByteSize"/>.</summary>
    public long? GetSize(string key)
    {
        switch (Get(key))
        {
            case null:
                return null;
            case IntegerValueSyntax i when i.Value < 0:
                throw Error(key, $"invalid size {i.Value}: must not be negative");
            case IntegerValueSyntax i:
                return i.Value;
            case StringValueSyntax s:
                return ByteSize.TryParse(s.Value ?? "", out var bytes, out var error) ? bytes : throw Error(key, error);
            case var other:
                throw WrongType(key, "a size (integer bytes or a string like \"200GiB\")", other);
        }
    }

    private ValueSyntax? Get(string key) => _items.TryGetValue(key, out var item) ? item.Value : null;

    private ConfigException WrongType(string key, string expected, ValueSyntax? actual) =>
        Error(key, $"expected {expected}, got {TomlNames.TypeOf(actual)}");

    private static string Describe(string prefix) =>
        prefix.StartsWith("tier[", StringComparison.Ordinal) ? "[[tier]]" : $"[{prefix}]";
}
