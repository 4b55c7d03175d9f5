using BenchmarkDotNet.Running;
using TieredFs.Agents.Coordination;
using TieredFs.Agents.Policies;

// Table sizes first (the ≤ 64 KiB budget is for both Harmonia agents together), then the
// benchmarks (each class uses BenchmarkDotNet's short job):
//   dotnet run -c Release --project bench/Agents.Bench -- --filter '*'
var pressure = new TierPressure();
var placement = new HarmoniaPlacement(4, pressure, 1);
var migration = new HarmoniaMigration(4, pressure, 1);
Console.WriteLine($"harmonia placement table: {placement.TableBytes} B (with reward tracker and ring: {placement.StateBytes} B)");
Console.WriteLine($"harmonia migration table: {migration.TableBytes} B (with reward tracker and ring: {migration.StateBytes} B)");
Console.WriteLine($"both agents' tables: {placement.TableBytes + migration.TableBytes} B = {(placement.TableBytes + migration.TableBytes) / 1024.0:0.#} KiB");
Console.WriteLine($"sibyl-like placement table: {new SibylLikePlacement(4, 1).TableBytes} B");
if (args.Contains("--sizes-only")) return;
BenchmarkSwitcher.FromAssembly(typeof(TieredFs.Agents.Bench.AgentFixtures).Assembly).Run(args);
