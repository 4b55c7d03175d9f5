using TieredFs.Simulation.Traces;

namespace TieredFs.Simulation.Generation;

/// <summary>
/// Deterministic synthetic block traces (same seed → same trace). Requests arrive as a
/// Poisson process of 50 requests/s on average, a rate at which a 7200 rpm disk serving the
/// misses of a reasonable policy stays below saturation (so results measure placement, not an
/// unbounded queue).
/// </summary>
public static class TraceGenerator
{
    public const double MeanInterArrivalUs = 20_000;
    private const long Block = 4096;

    public static List<TraceRequest> Generate(TracePattern pattern, int requests, long footprintBytes, int seed)
    {
        if (requests <= 0) throw new ArgumentOutOfRangeException(nameof(requests));
        if (footprintBytes < 64L << 20) throw new ArgumentOutOfRangeException(nameof(footprintBytes), "footprint must be at least 64 MiB");
        var rng = new Random(seed);
        var g = new State(rng, footprintBytes);
        var list = new List<TraceRequest>(requests);
        double t = 0;
        for (int i = 0; i < requests; i++)
        {
            t += -Math.Log(1 - rng.NextDouble()) * MeanInterArrivalUs;
            (long off, int size, bool write) = pattern switch
            {
                TracePattern.Zipf => g.Zipf(0, footprintBytes, 0.3, shift: 0),
                TracePattern.Shifting => g.Zipf(0, footprintBytes, 0.3, shift: (long)(4L * i / requests)),
                TracePattern.ScanMix => g.ScanMix(),
                TracePattern.WriteLog => g.WriteLog(),
                TracePattern.ReadWeb => g.ReadWeb(),
                _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
            };
            list.Add(new TraceRequest(t, 0, off, size, write));
        }
        return list;
    }

    private sealed class State
    {
        private readonly Random _rng;
        private readonly long _footprint;
        private readonly long _chunk = 1 << 20;
        private readonly int _chunks;
        private readonly int[] _perm;
        private readonly ZipfSampler _zipf;
        private long _scanPos, _logHead;
        private readonly ZipfSampler _webZipf;
        private readonly List<int> _webObjects = new();
        private int _nextWebObject;
        private long _webRequests;

        public State(Random rng, long footprint)
        {
            _rng = rng;
            _footprint = footprint;
            _chunks = (int)(footprint / _chunk);
            _perm = Enumerable.Range(0, _chunks).ToArray();
            for (int i = _perm.Length - 1; i > 0; i--) { int j = rng.Next(i + 1); (_perm[i], _perm[j]) = (_perm[j], _perm[i]); }
            _zipf = new ZipfSampler(_chunks, 0.99);
            _webZipf = new ZipfSampler(Math.Max(16, _chunks * 2), 1.1);
        }

        private int SmallSize()
        {
            double u = _rng.NextDouble();
            return u < 0.6 ? 4096 : u < 0.9 ? (int)(Block << _rng.Next(1, 5)) : (int)(Block << _rng.Next(5, 7));
        }

        /// <summary>Zipf over chunks of [start, start+length), rotated by shift quarters.</summary>
        public (long, int, bool) Zipf(long start, long length, double writeFraction, long shift)
        {
            int chunks = (int)(length / _chunk);
            int rank = _zipf.Sample(_rng) % chunks;
            int chunk = _perm[(int)((rank + shift * (chunks / 4)) % chunks) % _perm.Length] % chunks;
            int size = SmallSize();
            long within = _rng.NextInt64((_chunk - size) / Block + 1) * Block;
            return (start + chunk * _chunk + within, size, _rng.NextDouble() < writeFraction);
        }

        public (long, int, bool) ScanMix()
        {
            long half = _footprint / 2 / _chunk * _chunk;
            if (_rng.NextDouble() < 0.6) return Zipf(0, half, 0.3, 0);
            int size = 256 * 1024;
            if (_scanPos + size > _footprint - half) _scanPos = 0;
            long off = half + _scanPos;
            _scanPos += size;
            return (off, size, false);
        }

        public (long, int, bool) WriteLog()
        {
            long logArea = _footprint * 7 / 10 / _chunk * _chunk;
            double u = _rng.NextDouble();
            if (u < 0.5)
            {
                int size = 128 * 1024;
                if (_logHead + size > logArea) _logHead = 0;
                long off = _logHead;
                _logHead += size;
                return (off, size, true);
            }
            if (u < 0.8 && _logHead > 0)
            {
                long back = (long)(-Math.Log(1 - _rng.NextDouble()) * 32 * _chunk);
                long off = Math.Max(0, _logHead - 1 - back) / Block * Block;
                return (off, 16 * 1024, false);
            }
            return Zipf(logArea, _footprint - logArea, 0.5, 0);
        }

        public (long, int, bool) ReadWeb()
        {
            // Objects are 256 KiB; new objects are created popular, pushing older ones down the ranking.
            const long objectBytes = 256 * 1024;
            long maxObjects = _footprint / objectBytes;
            _webRequests++;
            bool create = _webObjects.Count < 64 || _rng.NextDouble() < 0.05;
            if (create && _nextWebObject < maxObjects)
            {
                int id = _nextWebObject++;
                _webObjects.Insert(0, id);
                return (id * objectBytes, (int)objectBytes, true);
            }
            int rank = _webZipf.Sample(_rng) % _webObjects.Count;
            int obj = _webObjects[rank];
            int size = (int)(Block << _rng.Next(0, 3));
            long within = _rng.NextInt64((objectBytes - size) / Block + 1) * Block;
            return (obj * objectBytes + within, size, _rng.NextDouble() < 0.02);
        }
    }
}
