using Microsoft.ML;
using Microsoft.ML.Data;
using TieredFs.Engine;
using TieredFs.Simulation.Engine;

namespace TieredFs.Simulation.Archivist;

/// <summary>
/// Trains the Archivist-like hot/cold classifier (Ren et al., Archivist, ICCD 2019, used as a
/// baseline by Sibyl) with ML.NET on a prefix of the trace: one sample per access, label
/// "re-accessed within the horizon", L-BFGS logistic regression. Deterministic for a seed.
/// </summary>
public static class ArchivistTrainer
{
    public const double PrefixFraction = 0.2;

    private sealed class Sample
    {
        [VectorType(HotColdFeatures.Count)]
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }

    public static HotColdModel Train(PreparedTrace trace, SimOptions options, int horizonRequests, int seed)
    {
        int prefix = Math.Max(1, (int)(trace.RequestCount * PrefixFraction));
        double periodUs = Math.Max(1, trace.TimeUs[^1] / trace.RequestCount * options.MigrationPeriodRequests);
        // The features must mean what the engine hands the policy at decision time: its heat
        // table's decayed touches and touch interval, on the trace clock, with the engine's knobs.
        EngineOptions o = Simulator.EngineOptionsFor(trace, options);
        var heat = new HeatTable(o.HeatHalfLifeUs, o.TouchWindowUs, o.MaxTracked);
        var seen = new bool[trace.ExtentCount];
        var samples = new List<Sample>(prefix);
        int positives = 0;
        for (int i = 0; i < prefix; i++)
        {
            double now = trace.TimeUs[i];
            for (int p = trace.PieceStart[i]; p < trace.PieceStart[i + 1]; p++)
            {
                int e = trace.PieceExtent[p];
                var f = new float[HotColdFeatures.Count];
                // A first touch sees its predecessor's history, as TieringEngine.Place passes it
                // (dense ids are in first-touch order, so e − 1 was first touched just before).
                int known = seen[e] ? e : e - 1;
                if (known >= 0 && heat.TryGetSlot(new ExtentId(known), out int slot))
                    HotColdFeatures.Fill(f, heat.Touches(slot, now), heat.TouchIntervalUs(slot), periodUs);
                else
                    HotColdFeatures.Fill(f, 0, 0, periodUs);
                bool label = trace.NextUseRequest[p] != int.MaxValue && trace.NextUseRequest[p] - i <= horizonRequests;
                if (label) positives++;
                samples.Add(new Sample { Features = f, Label = label });
                seen[e] = true;
                heat.RecordAccess(new ExtentId(e), 0, now);
            }
        }
        // A one-class prefix cannot train a classifier: fall back to "hot iff accessed before".
        if (positives == 0 || positives == samples.Count)
            return new HotColdModel([1f, 0f], -(float)Math.Log(2.5));

        var ml = new MLContext(seed);
        IDataView data = ml.Data.LoadFromEnumerable(samples);
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            labelColumnName: nameof(Sample.Label), featureColumnName: nameof(Sample.Features));
        var model = trainer.Fit(data);
        var linear = model.Model.SubModel;
        var w = new float[HotColdFeatures.Count];
        linear.Weights.ToArray().AsSpan(0, Math.Min(w.Length, linear.Weights.Count)).CopyTo(w);
        return new HotColdModel(w, linear.Bias);
    }
}
