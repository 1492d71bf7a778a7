using System.Text.Json;
using SyscallBench.Core.Export;
using SyscallBench.Core.Probes;

namespace SyscallBench.Core.Running.Caching;

/// <summary>
/// What a finished unit computed from its model: the test-set scores and the probe results
/// (results/.score-cache/&lt;key&gt;.json), next to the fitted models of <see cref="ModelCache"/>. With both,
/// re-running a run that was interrupted (Ctrl-C, a killed job) skips every unit that finished and
/// computes only the missing ones.
/// </summary>
/// <remarks>
/// The key is the unit's model key (detector configuration, seed, training-split hash, code version)
/// combined with the test split's content hash (<see cref="Key"/>). Each entry also lists the trace ids it
/// scored, checked on load. Probe results are kept because some need per-position scores that only a
/// fresh scoring pass gives. Written to a temporary file and renamed, so a half-written entry never
/// loads. Scores round-trip exactly: System.Text.Json writes the shortest string that parses back to the
/// same double.
/// </remarks>
public sealed class ScoreCache(string directory)
{
    public string Directory { get; } = directory;

    public static string Key(string modelKey, string testHash) => ModelCache.Hash(modelKey + "\n" + testHash);

    /// <summary>
    /// The cached scores (in the order of <paramref name="traceIds"/>), their scoring time and the results of
    /// <paramref name="probes"/>; null when absent or when a probe's result is not in the entry.
    /// </summary>
    public (double[] Scores, TimeSpan ScoreTime, IReadOnlyList<ProbeResult> Probes)? TryLoad(string key, IReadOnlyList<string> traceIds,
        IReadOnlyList<IDetectorProbe> probes)
    {
        var path = Path.Combine(Directory, key + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        Entry? entry;
        try
        {
            entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), JsonFile.Options);
        }
        catch (JsonException)
        {
            entry = null;
        }

        if (entry is not { Traces: not null, Scores: not null, Probes: not null } || entry.Traces.Any(t => t is null))
        {
            // A changed or cut entry: compute the unit again (Store replaces the file).
            return null;
        }

        if (!entry.Traces.SequenceEqual(traceIds, StringComparer.Ordinal) || entry.Scores.Length != traceIds.Count)
        {
            throw new SyscallBenchException($"{path}: the cached scores are for other traces than this test set although the content hash matches; delete it or run with --force.");
        }

        var results = new List<ProbeResult>();
        foreach (var probe in probes)
        {
            if (!entry.Probes.TryGetValue(probe.Name, out var json))
            {
                return null; // a probe was added since: compute the unit again
            }

            if (json.ValueKind != JsonValueKind.Null)
            {
                results.Add((ProbeResult)json.Deserialize(probe.ResultType, JsonFile.Options)!);
            }
        }

        return (entry.Scores, CachedDuration.FromSeconds(entry.ScoreSeconds), results);
    }

    /// <summary>Stores a unit's scores and each probe's result (null when the probe had nothing to say about this detector).</summary>
    public void Store(string key, IReadOnlyList<string> traceIds, IReadOnlyList<double> scores, TimeSpan scoreTime,
        IReadOnlyList<(string Probe, ProbeResult? Result)> probeResults)
    {
        var probes = probeResults.ToDictionary(p => p.Probe,
            p => p.Result is null ? JsonSerializer.SerializeToElement<object?>(null) : JsonSerializer.SerializeToElement(p.Result, p.Result.GetType(), JsonFile.Options),
            StringComparer.Ordinal);
        AtomicFile.WriteText(Path.Combine(Directory, key + ".json"),
            JsonSerializer.Serialize(new Entry(scoreTime.TotalSeconds, traceIds.ToArray(), scores.ToArray(), probes), JsonFile.Options));
    }

    private sealed record Entry(double ScoreSeconds, string[] Traces, double[] Scores, Dictionary<string, JsonElement> Probes);
}
