using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;

namespace SyscallBench.Core.Running.Caching;

/// <summary>
/// Fitted models kept between runs (results/.model-cache/), so re-running an experiment with the same
/// detector options, seed, training data and code reuses the model instead of refitting (the LSTM takes
/// minutes). With <see cref="ScoreCache"/> it is what lets an interrupted run resume.
/// </summary>
/// <remarks>
/// The key is a SHA-256 of the detector type, every resolved option (a selection's: its select block and every
/// variant's options), the seed (left out for a
/// seed-independent detector, so changing the seed list does not refit it), the content hash of the
/// training split (not the whole dataset: a learning-curve point or re-split with the same training
/// traces shares the model) and the tool's version including its git commit, so any change to one of
/// them refits. Changes not yet committed to git do not change the key: use `--force` while editing a
/// detector. Entries are written to a temporary folder and renamed, so a half-written model is never loaded.
/// </remarks>
public sealed class ModelCache(string directory)
{
    private const string FitTimeFile = "fit-seconds.txt";

    /// <summary>A random id written into each entry as it is stored: a reader tells from it that the entry was replaced while it loaded.</summary>
    private const string EntryIdFile = "entry-id.txt";

    public string Directory { get; } = directory;

    /// <param name="spec">The detector.</param>
    /// <param name="experimentDetectors">All detectors of the experiment: a detector built on others
    /// (<see cref="IReferencesDetectors"/>) is keyed on their configuration too, recursively.</param>
    /// <param name="seed">The fit seed; null for a detector whose result cannot depend on it.</param>
    /// <param name="trainHash">The content hash of the training traces (<see cref="Splits.SplitManifest.TrainSha256"/>).</param>
    /// <param name="toolVersion">The tool's version including its git commit.</param>
    public static string Key(DetectorSpec spec, IReadOnlyList<DetectorSpec> experimentDetectors, int? seed, string trainHash, string toolVersion) =>
        Hash(string.Join("\n", Configuration(spec, experimentDetectors),
            seed?.ToString(CultureInfo.InvariantCulture) ?? "any-seed", trainHash, toolVersion));

    /// <summary>Lower-case hex SHA-256 of the UTF-8 text.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Configuration(DetectorSpec spec, IReadOnlyList<DetectorSpec> experimentDetectors)
    {
        var own = spec.Type + "\n" + OptionsSchema.Canonical(spec.Options);
        if (spec.Variants is { } variants)
        {
            // A selection: its select block and every variant it chooses from.
            own += "\n" + string.Join("\n", variants.Select(v => "{" + v.Name + "}\n" + Configuration(v, experimentDetectors)));
        }

        if (spec.Options is not IReferencesDetectors referencing)
        {
            return own;
        }

        var members = referencing.ReferencedDetectors
            .Select(name => experimentDetectors.First(d => d.Name == name))
            .Select(member => "[" + member.Name + "]\n" + Configuration(member, experimentDetectors));
        return own + "\n" + string.Join("\n", members);
    }

    /// <summary>
    /// Loads a cached model, with the time its original fit took; null when there is none or the entry cannot
    /// be read (a changed or cut file: the entry is set aside so the unit is fitted and stored again).
    /// </summary>
    /// <remarks>
    /// `--force` in another process replaces entries while this one may be loading them (the old folder is
    /// moved aside and deleted): a load that fails or reads an entry whose id changed meanwhile is tried
    /// again on the new entry instead of failing with "saved window counts are missing".
    /// </remarks>
    public (IFittedDetector Fitted, TimeSpan FitTime)? TryLoad(string key, DetectorDescriptor descriptor)
    {
        var entry = Path.Combine(Directory, key);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var id = ReadEntryId(entry);
            if (id is null)
            {
                return null;
            }

            IFittedDetector? fitted = null;
            try
            {
                var seconds = ReadFitSeconds(entry);
                fitted = descriptor.Load(entry);
                if (ReadEntryId(entry) == id)
                {
                    return (fitted, CachedDuration.FromSeconds(seconds));
                }
            }
            catch (Exception e) when (e is SyscallBenchException or IOException or UnauthorizedAccessException)
            {
                if (ReadEntryId(entry) == id)
                {
                    // Unchanged while we read it, so it is broken, not being replaced: fit again.
                    Discard(key);
                    return null;
                }
            }

            fitted?.Dispose();
        }

        return null;
    }

    /// <summary>The time a cached model's fit took, without loading the model; null when there is none or it cannot be read.</summary>
    public TimeSpan? TryLoadFitTime(string key)
    {
        var entry = Path.Combine(Directory, key);
        try
        {
            return ReadEntryId(entry) is null ? null : CachedDuration.FromSeconds(ReadFitSeconds(entry));
        }
        catch (Exception e) when (e is SyscallBenchException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The entry's id; null when there is no complete entry. Entries stored before the id existed have a
    /// fit time only and get a stand-in id from it.
    /// </summary>
    private static string? ReadEntryId(string entry)
    {
        try
        {
            var idFile = Path.Combine(entry, EntryIdFile);
            if (File.Exists(idFile))
            {
                return File.ReadAllText(idFile);
            }

            var fitTimeFile = Path.Combine(entry, FitTimeFile);
            return File.Exists(fitTimeFile) ? "fit " + File.ReadAllText(fitTimeFile) : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // replaced between the check and the read
        }
    }

    private static double ReadFitSeconds(string entry)
    {
        var path = Path.Combine(entry, FitTimeFile);
        var text = File.ReadAllText(path);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0
            ? seconds
            : throw new SyscallBenchException($"{path}: '{text.Trim()}' is not a fit time in seconds.");
    }

    /// <summary>Moves an entry aside, then deletes it, so no reader sees it half-deleted.</summary>
    private void Discard(string key)
    {
        var old = Path.Combine(Directory, $".{key}.{Guid.NewGuid():N}.old");
        try
        {
            System.IO.Directory.Move(Path.Combine(Directory, key), old);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // already replaced or removed by another run
        }

        System.IO.Directory.Delete(old, recursive: true);
    }

    /// <summary>Stores a model; an existing entry is kept unless <c>replace</c> (`--force`) is set.</summary>
    public void Store(string key, IFittedDetector fitted, TimeSpan fitTime, bool replace = false)
    {
        var entry = Path.Combine(Directory, key);
        if (System.IO.Directory.Exists(entry))
        {
            if (!replace)
            {
                return;
            }

            Discard(key);
        }

        var temporary = Path.Combine(Directory, $".{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            DetectorRegistry.Save(fitted, temporary);
            File.WriteAllText(Path.Combine(temporary, FitTimeFile), fitTime.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
            File.WriteAllText(Path.Combine(temporary, EntryIdFile), Guid.NewGuid().ToString("N"));
            System.IO.Directory.Move(temporary, entry);
        }
        catch (IOException) when (System.IO.Directory.Exists(entry))
        {
            // Another run stored the same model first: theirs is as good as ours.
        }
        finally
        {
            if (System.IO.Directory.Exists(temporary))
            {
                System.IO.Directory.Delete(temporary, recursive: true);
            }
        }
    }
}
