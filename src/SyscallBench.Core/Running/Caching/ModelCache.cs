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
/// The key is a SHA-256 of the detector type, every resolved option, the seed (left out for a
/// seed-independent detector, so changing the seed list does not refit it), the content hash of the
/// training split (not the whole dataset: a learning-curve point or re-split with the same training
/// traces shares the model) and the tool's version including its git commit, so any change to one of
/// them refits. Changes not yet committed to git do not change the key: use `--force` while editing a
/// detector. Entries are written to a temporary folder and renamed, so a half-written model is never loaded.
/// </remarks>
public sealed class ModelCache(string directory)
{
    private const string FitTimeFile = "fit-seconds.txt";

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
        if (spec.Options is not IReferencesDetectors referencing)
        {
            return own;
        }

        var members = referencing.ReferencedDetectors
            .Select(name => experimentDetectors.First(d => d.Name == name))
            .Select(member => "[" + member.Name + "]\n" + Configuration(member, experimentDetectors));
        return own + "\n" + string.Join("\n", members);
    }

    /// <summary>Loads a cached model, with the time its original fit took; null when there is none.</summary>
    public (IFittedDetector Fitted, TimeSpan FitTime)? TryLoad(string key, DetectorDescriptor descriptor)
    {
        var entry = Path.Combine(Directory, key);
        var fitTimeFile = Path.Combine(entry, FitTimeFile);
        if (!File.Exists(fitTimeFile))
        {
            return null;
        }

        var seconds = double.Parse(File.ReadAllText(fitTimeFile), CultureInfo.InvariantCulture);
        return (descriptor.Load(entry), TimeSpan.FromSeconds(seconds));
    }

    /// <summary>The time a cached model's fit took, without loading the model; null when there is none.</summary>
    public TimeSpan? TryLoadFitTime(string key)
    {
        var fitTimeFile = Path.Combine(Directory, key, FitTimeFile);
        return File.Exists(fitTimeFile)
            ? TimeSpan.FromSeconds(double.Parse(File.ReadAllText(fitTimeFile), CultureInfo.InvariantCulture))
            : null;
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

            // Moved aside first so no reader ever sees a half-deleted model.
            var old = Path.Combine(Directory, $".{key}.{Guid.NewGuid():N}.old");
            System.IO.Directory.Move(entry, old);
            System.IO.Directory.Delete(old, recursive: true);
        }

        var temporary = Path.Combine(Directory, $".{key}.{Guid.NewGuid():N}.tmp");
        try
        {
            DetectorRegistry.Save(fitted, temporary);
            File.WriteAllText(Path.Combine(temporary, FitTimeFile), fitTime.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
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
