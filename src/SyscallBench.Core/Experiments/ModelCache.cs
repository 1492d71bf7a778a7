using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Options;

namespace SyscallBench.Core.Experiments;

/// <summary>
/// Fitted models kept between runs (results/.model-cache/), so re-running an experiment with the same
/// detector options, seed, data and code reuses the model instead of refitting (the LSTM takes minutes).
/// </summary>
/// <remarks>
/// The key is a SHA-256 of the detector type, every resolved option, the seed, the dataset's content
/// hash and the tool's version including its git commit, so any change to one of them refits. Changes
/// not yet committed to git do not change the key: use `--retrain` while editing a detector.
/// Entries are written to a temporary folder and renamed, so a half-written model is never loaded.
/// </remarks>
public sealed class ModelCache(string directory)
{
    private const string FitTimeFile = "fit-seconds.txt";

    public string Directory { get; } = directory;

    /// <param name="spec">The detector.</param>
    /// <param name="experimentDetectors">All detectors of the experiment: a detector built on others
    /// (<see cref="IReferencesDetectors"/>) is keyed on their configuration too, recursively.</param>
    /// <param name="seed">The fit seed.</param>
    /// <param name="datasetHash">The dataset's content hash.</param>
    /// <param name="toolVersion">The tool's version including its git commit.</param>
    public static string Key(DetectorSpec spec, IReadOnlyList<DetectorSpec> experimentDetectors, int seed, string datasetHash, string toolVersion)
    {
        var text = string.Join("\n", Configuration(spec, experimentDetectors),
            seed.ToString(CultureInfo.InvariantCulture), datasetHash, toolVersion);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

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

    public void Store(string key, IFittedDetector fitted, TimeSpan fitTime)
    {
        var entry = Path.Combine(Directory, key);
        if (System.IO.Directory.Exists(entry))
        {
            return;
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
