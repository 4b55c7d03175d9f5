using Tomlyn.Syntax;

namespace TieredFs.Daemon.Config;

/// <summary>
/// Splits a parsed document into the three tables we understand, rejecting everything else.
/// Done on the syntax tree (not a deserialized model) so every rejection can name its line.
/// </summary>
internal sealed class DocumentLayout
{
    public const string VolumeTable = "volume";
    public const string TierArray = "tier";
    public const string ServiceTable = "service";

    private const string Expected = "expected [volume], [[tier]] or [service]";

    public TableSyntax? Volume { get; private set; }
    public List<TableArraySyntax> Tiers { get; } = [];
    public TableSyntax? Service { get; private set; }

    public static DocumentLayout Split(DocumentSyntax doc, string source)
    {
        foreach (var kv in doc.KeyValues)
        {
            throw new ConfigException(source, TomlNames.LineOf(kv), TomlNames.Of(kv.Key),
                $"unknown top-level key; settings belong in a table ({Expected})");
        }

        var layout = new DocumentLayout();
        foreach (var table in doc.Tables)
        {
            var name = TomlNames.Of(table.Name);
            var line = TomlNames.LineOf(table);
            switch (name, table)
            {
                case (VolumeTable, TableSyntax t):
                    layout.Volume = t;
                    break;
                case (ServiceTable, TableSyntax t):
                    layout.Service = t;
                    break;
                case (TierArray, TableArraySyntax t):
                    layout.Tiers.Add(t);
                    break;
                case (TierArray, _):
                    throw new ConfigException(source, line, name, "tiers are a list: write [[tier]] (double brackets), once per tier");
                case (VolumeTable or ServiceTable, _):
                    throw new ConfigException(source, line, name, $"write [{name}] (single brackets); there is only one");
                default:
                    throw new ConfigException(source, line, name, $"unknown table ({Expected})");
            }
        }
        return layout;
    }
}
