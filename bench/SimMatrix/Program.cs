using TieredFs.Simulation;

// Standalone stand-in for the tieredfs executable: "sim ..." and "gen-trace ..." verbs only,
// so bench/run-sim-matrix.sh works before the CLI wiring lands.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: SimMatrix sim|gen-trace ARGS...");
    return 2;
}
string[] rest = args[1..];
return args[0] switch
{
    "sim" => SimCommand.Run(rest, Console.Out, Console.Error),
    "gen-trace" => GenTraceCommand.Run(rest, Console.Out, Console.Error),
    _ => 2,
};
