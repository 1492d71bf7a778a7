using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace SyscallBench.Core.Traces;

/// <summary>
/// A content hash of a dataset split: identical traces give an identical hash however they were stored
/// (zip or folder), so a manifest proves which data a number was computed on.
/// </summary>
public static class DatasetHash
{
    public static string Compute(IReadOnlyList<Trace> train, IReadOnlyList<Trace> test)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, "train", train);
        Append(hash, "test", test);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A recording's streams, times and attack start: how its calls are cut into the sequences detectors see (so a
    /// model fitted on threads is never reused for processes) and when they happened (windows by time, alarms).
    /// Plain traces add nothing, so their hashes are those of before recordings existed.
    /// </summary>
    private static void AppendTimeline(IncrementalHash hash, TraceTimeline timeline)
    {
        static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
        hash.AppendData(Encoding.UTF8.GetBytes(
            $"timeline\n{string.Join("\u0001", timeline.Streams)}\n{Number(timeline.AttackStart)} {Number(timeline.Start)} {Number(timeline.End)}\n"));
        if (timeline.StreamOfCall is { } streams)
        {
            hash.AppendData(MemoryMarshal.AsBytes(streams.AsSpan()));
        }

        if (timeline.Times is { } times)
        {
            hash.AppendData(MemoryMarshal.AsBytes(times.AsSpan()));
        }

        hash.AppendData("\n"u8);
    }

    private static void Append(IncrementalHash hash, string split, IReadOnlyList<Trace> traces)
    {
        // Ordinal order by id makes the hash independent of enumeration order (zip vs folder listing).
        foreach (var trace in traces.OrderBy(t => t.Id, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{split}\n{trace.Id}\n{trace.Label}\n{trace.Family}\n"));
            // The calls' own memory, not a copy (a copy was 4 more bytes per call of the longest trace, issue #18); the
            // same bytes the copy held, so hashes stay as they were.
            hash.AppendData(MemoryMarshal.AsBytes(trace.Calls.AsSpan()));
            hash.AppendData("\n"u8);
            if (trace.Timeline is { } timeline)
            {
                AppendTimeline(hash, timeline);
            }
        }
    }
}
