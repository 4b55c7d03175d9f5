using System.Runtime.InteropServices;
using TieredFs.Simulation.Traces;

namespace TieredFs.Simulation.Engine;

/// <summary>
/// A trace cut into per-extent pieces once, before any policy runs: dense extent ids (in
/// first-touch order; they are the tiering engine's extent ids) and for every piece the
/// request index of the next access to the same extent (the Oracle's future). Shared
/// read-only by all policy runs.
/// </summary>
public sealed class PreparedTrace
{
    public PreparedTrace(IReadOnlyList<TraceRequest> requests, long extentBytes)
    {
        if (requests.Count == 0) throw new ArgumentException("trace has no requests");
        ExtentBytes = extentBytes;
        int n = requests.Count;
        TimeUs = new double[n];
        IsWrite = new bool[n];
        Size = new int[n];
        PieceStart = new int[n + 1];
        var pieceExtent = new List<int>(n + n / 4);
        var pieceBytes = new List<int>(n + n / 4);
        var pieceOffset = new List<long>(n + n / 4);
        var extentIds = new Dictionary<long, int>();
        var extentOffset = new List<long>();
        double lastTime = 0;
        for (int i = 0; i < n; i++)
        {
            TraceRequest r = requests[i];
            // Traces are replayed in order; a timestamp going backwards is clamped, not reordered.
            lastTime = Math.Max(lastTime, r.TimeUs);
            TimeUs[i] = lastTime;
            IsWrite[i] = r.IsWrite;
            Size[i] = r.Size;
            PieceStart[i] = pieceExtent.Count;
            long pos = r.Offset, end = r.Offset + r.Size;
            while (pos < end)
            {
                long idx = pos / extentBytes;
                long extentEnd = (idx + 1) * extentBytes;
                int bytes = (int)(Math.Min(end, extentEnd) - pos);
                long key = ((long)r.Disk << 44) ^ idx;
                ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(extentIds, key, out bool exists);
                if (!exists)
                {
                    id = extentIds.Count - 1;
                    extentOffset.Add(((long)r.Disk << 44) + idx * extentBytes);
                }
                pieceExtent.Add(id);
                pieceBytes.Add(bytes);
                pieceOffset.Add(((long)r.Disk << 44) + pos);
                pos += bytes;
            }
        }
        PieceStart[n] = pieceExtent.Count;
        PieceExtent = pieceExtent.ToArray();
        PieceBytes = pieceBytes.ToArray();
        PieceOffset = pieceOffset.ToArray();
        ExtentOffset = extentOffset.ToArray();
        ExtentCount = extentIds.Count;

        // Next use of each piece's extent, by a backwards pass.
        NextUseRequest = new int[PieceExtent.Length];
        FirstUseRequest = new int[ExtentCount];
        var next = new int[ExtentCount];
        Array.Fill(next, int.MaxValue);
        for (int i = n - 1; i >= 0; i--)
        {
            for (int p = PieceStart[i + 1] - 1; p >= PieceStart[i]; p--)
            {
                int e = PieceExtent[p];
                NextUseRequest[p] = next[e];
                next[e] = i;
            }
        }
        Array.Copy(next, FirstUseRequest, ExtentCount);
    }

    public long ExtentBytes { get; }
    public int RequestCount => TimeUs.Length;
    public int ExtentCount { get; }
    public long FootprintBytes => ExtentCount * ExtentBytes;
    public double[] TimeUs { get; }
    public bool[] IsWrite { get; }
    public int[] Size { get; }
    /// <summary>Pieces of request i are PieceStart[i] .. PieceStart[i+1]-1.</summary>
    public int[] PieceStart { get; }
    public int[] PieceExtent { get; }
    public int[] PieceBytes { get; }
    public long[] PieceOffset { get; }
    /// <summary>Device offset of each extent's first byte (extents keep their offset on every tier).</summary>
    public long[] ExtentOffset { get; }
    /// <summary>Index of the next request touching the same extent, int.MaxValue if none.</summary>
    public int[] NextUseRequest { get; }
    public int[] FirstUseRequest { get; }
}
