using System.Globalization;

namespace TieredFs.Simulation.Traces;

/// <summary>
/// Reads MSR Cambridge block traces: <c>Timestamp,Hostname,DiskNumber,Type,Offset,Size,ResponseTime</c>,
/// Timestamp in Windows filetime ticks (100 ns), Type <c>Read</c> or <c>Write</c>. A header line
/// (first field not a number) and blank lines are skipped; any other malformed line throws
/// <see cref="TraceFormatException"/> naming the line, because silently dropping requests would
/// make results wrong without anyone noticing. ResponseTime is ignored: the simulator models it.
/// </summary>
public static class MsrTraceReader
{
    public static List<TraceRequest> ReadFile(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static List<TraceRequest> Read(TextReader reader, string sourceName)
    {
        var result = new List<TraceRequest>();
        long lineNo = 0;
        long firstTicks = 0;
        bool haveFirst = false;
        string? line;
        Span<Range> f = stackalloc Range[8];
        while ((line = reader.ReadLine()) != null)
        {
            lineNo++;
            ReadOnlySpan<char> s = line.AsSpan().Trim();
            if (s.IsEmpty || s[0] == '#') continue;
            int n = s.Split(f, ',');
            if (n < 6)
            {
                if (result.Count == 0 && IsHeader(s)) continue;
                throw new TraceFormatException(sourceName, lineNo, $"expected 7 comma-separated fields, found {n}");
            }
            ReadOnlySpan<char> ts = s[f[0]].Trim();
            if (!long.TryParse(ts, NumberStyles.Integer, CultureInfo.InvariantCulture, out long ticks))
            {
                if (result.Count == 0 && IsHeader(s)) continue;
                throw new TraceFormatException(sourceName, lineNo, $"timestamp '{ts.ToString()}' is not an integer");
            }
            if (!int.TryParse(s[f[2]].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int disk))
                throw new TraceFormatException(sourceName, lineNo, "disk number is not an integer");
            ReadOnlySpan<char> type = s[f[3]].Trim();
            bool isWrite;
            if (type.Equals("Write", StringComparison.OrdinalIgnoreCase)) isWrite = true;
            else if (type.Equals("Read", StringComparison.OrdinalIgnoreCase)) isWrite = false;
            else throw new TraceFormatException(sourceName, lineNo, $"type '{type.ToString()}' is neither Read nor Write");
            if (!long.TryParse(s[f[4]].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long offset) || offset < 0)
                throw new TraceFormatException(sourceName, lineNo, "offset is not a non-negative integer");
            if (!int.TryParse(s[f[5]].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int size) || size <= 0)
                throw new TraceFormatException(sourceName, lineNo, "size is not a positive integer");
            if (!haveFirst) { firstTicks = ticks; haveFirst = true; }
            result.Add(new TraceRequest((ticks - firstTicks) / 10.0, disk, offset, size, isWrite));
        }
        return result;
    }

    // A header (first field starts with a letter) is only accepted before the first request.
    private static bool IsHeader(ReadOnlySpan<char> s) => char.IsLetter(s[0]);

    public static void Write(TextWriter w, IEnumerable<TraceRequest> requests, string host = "gen", long baseTicks = 128166372000000000)
    {
        foreach (TraceRequest r in requests)
        {
            long ticks = baseTicks + (long)Math.Round(r.TimeUs * 10.0);
            w.Write(ticks.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(host);
            w.Write(',');
            w.Write(r.Disk.ToString(CultureInfo.InvariantCulture));
            w.Write(r.IsWrite ? ",Write," : ",Read,");
            w.Write(r.Offset.ToString(CultureInfo.InvariantCulture));
            w.Write(',');
            w.Write(r.Size.ToString(CultureInfo.InvariantCulture));
            w.Write(",0\n");
        }
    }
}
