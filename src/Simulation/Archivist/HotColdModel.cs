namespace TieredFs.Simulation.Archivist;

/// <summary>
/// The trained classifier reduced to what a decision needs: a linear score over the
/// features (ML.NET's logistic regression weights), so classifying costs a few multiplies
/// instead of an ML.NET prediction-engine call.
/// </summary>
public sealed class HotColdModel(float[] weights, float bias)
{
    public IReadOnlyList<float> Weights => weights;
    public float Bias => bias;

    /// <summary>Log-odds that the extent is re-accessed within the training horizon.</summary>
    public float Score(ReadOnlySpan<float> features)
    {
        float s = bias;
        for (int i = 0; i < weights.Length; i++) s += weights[i] * features[i];
        return s;
    }

    public bool IsHot(ReadOnlySpan<float> features) => Score(features) > 0;
}
