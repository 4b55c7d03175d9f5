using Microsoft.ML;
using Microsoft.ML.Data;
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
        var history = new AccessHistory(trace.ExtentCount, options.HeatHalfLifeRequests);
        var regions = new AccessHistory(trace.RegionCount, options.HeatHalfLifeRequests);
        var seen = new bool[trace.ExtentCount];
        var samples = new List<Sample>(prefix);
        int positives = 0;
        for (int i = 0; i < prefix; i++)
        {
            for (int p = trace.PieceStart[i]; p < trace.PieceStart[i + 1]; p++)
            {
                int e = trace.PieceExtent[p];
                int region = trace.ExtentRegion[e];
                var f = new float[HotColdFeatures.Count];
                // A first touch sees its neighbourhood's history, as a placement request does.
                if (seen[e]) HotColdFeatures.Fill(f, history.Count(e, i), history.IntervalUs(e), periodUs);
                else HotColdFeatures.Fill(f, regions.Count(region, i), regions.IntervalUs(region), periodUs);
                bool label = trace.NextUseRequest[p] != int.MaxValue && trace.NextUseRequest[p] - i <= horizonRequests;
                if (label) positives++;
                samples.Add(new Sample { Features = f, Label = label });
                seen[e] = true;
                history.Record(e, i, trace.TimeUs[i]);
                regions.Record(region, i, trace.TimeUs[i]);
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
