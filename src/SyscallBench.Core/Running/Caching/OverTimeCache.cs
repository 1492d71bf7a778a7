using System.Text.Json;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Export;

namespace SyscallBench.Core.Running.Caching;

/// <summary>
/// The time-aware evaluation of a finished unit on recordings (results/.score-cache/&lt;key&gt;.over-time.json), beside its
/// <see cref="ScoreCache"/> entry under the same key, so a resumed run reuses both or computes both.
/// </summary>
/// <remarks>
/// Written before the scores' entry (see the runner), so scores found in the cache always have theirs. An entry that
/// cannot be read is computed again.
/// </remarks>
public sealed class OverTimeCache(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>The cached entry (whose evaluation is null when the recordings could not be judged over time); null when absent.</summary>
    public Entry? TryLoad(string key)
    {
        var path = Path.Combine(Directory, key + ".over-time.json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Entry>(File.ReadAllText(path), JsonFile.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Store(string key, OverTimeEvaluation? evaluation)
    {
        AtomicFile.WriteText(Path.Combine(Directory, key + ".over-time.json"), JsonSerializer.Serialize(new Entry(evaluation), JsonFile.Options));
    }

    /// <summary>One unit's entry.</summary>
    public sealed record Entry(OverTimeEvaluation? Evaluation);
}
