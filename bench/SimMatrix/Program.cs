using TieredFs.Simulation;
using TieredFs.SimMatrix;

// Standalone stand-in for the tieredfs executable ("sim", "gen-trace") plus "report", which
// renders docs/results.md from a directory of `sim --policy all` outputs. Used by
// bench/run-sim-matrix.sh so the matrix works before the CLI wiring lands.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: SimMatrix sim ARGS... | gen-trace ARGS... | report DIR OUT.md HEADER");
    return 2;
}
string[] rest = args[1..];
return args[0] switch
{
    "sim" => SimCommand.Run(rest, Console.Out, Console.Error),
    "gen-trace" => GenTraceCommand.Run(rest, Console.Out, Console.Error),
    "report" when rest.Length == 3 => MatrixReport.Run(rest[0], rest[1], rest[2]),
    _ => 2,
};
