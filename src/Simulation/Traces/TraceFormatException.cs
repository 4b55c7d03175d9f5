namespace TieredFs.Simulation.Traces;

/// <summary>A trace line that cannot be parsed; the message names the source and line.</summary>
public sealed class TraceFormatException(string source, long line, string reason)
    : FormatException($"{source}:{line}: {reason}")
{
    public string Source0 { get; } = source;
    public long Line { get; } = line;
}
