namespace TieredFs.Simulation.Cli;

/// <summary>Minimal "--name value" / "--flag" parser; an unknown or incomplete option is a usage error.</summary>
public sealed class ArgReader
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    private ArgReader() { }

    public static bool TryParse(string[] args, IReadOnlySet<string> valued, IReadOnlySet<string> flags, out ArgReader reader, out string error)
    {
        reader = new ArgReader();
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            string name = a;
            string? inline = null;
            int eq = a.IndexOf('=');
            if (a.StartsWith("--", StringComparison.Ordinal) && eq > 0) { name = a[..eq]; inline = a[(eq + 1)..]; }
            if (flags.Contains(name) && inline is null) { reader._values[name] = null; continue; }
            if (!valued.Contains(name)) { error = $"unknown argument '{a}'"; return false; }
            string? value = inline ?? (i + 1 < args.Length ? args[++i] : null);
            if (value is null) { error = $"option {name} needs a value"; return false; }
            reader._values[name] = value;
        }
        return true;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out string? v) ? v : null;
}
