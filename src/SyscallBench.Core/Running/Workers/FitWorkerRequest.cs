using System.Text.Json;
using System.Text.Json.Serialization;
using SyscallBench.Core.Config;
using SyscallBench.Core.Export;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Running.Workers;

/// <summary>
/// What a fit worker process is asked to do, as a folder the parent writes and the worker reads: the run's
/// resolved config (config.yaml, the same text as the run folder's, so the worker binds the detector's
/// options exactly as the run did), which detector and seed (request.json, with each training trace's id,
/// family and source), and the training traces' calls (calls.bin). The worker saves the fitted model in
/// <see cref="ModelDirectory"/>.
/// </summary>
/// <param name="Detector">The detector to fit, bound from the run's config.</param>
/// <param name="Seed">The fit seed.</param>
/// <param name="Train">The training sequences, in the order the run fits on them.</param>
/// <param name="Folder">The request folder.</param>
public sealed record FitWorkerRequest(DetectorSpec Detector, int Seed, IReadOnlyList<Trace> Train, string Folder)
{
    /// <summary>How the name of a run's temporary request folder begins.</summary>
    public const string FolderPrefix = "syscallbench-fit-";

    private const string ConfigFile = "config.yaml";
    private const string RequestFile = "request.json";
    private const string CallsFile = "calls.bin";

    /// <summary>Where the worker saves the fitted detector (<see cref="Detection.DetectorRegistry.Save"/>).</summary>
    public string ModelDirectory => ModelDirectoryOf(Folder);

    /// <summary>Where the worker saves the fitted detector of the request in <paramref name="folder"/>, for the run to load.</summary>
    public static string ModelDirectoryOf(string folder) => Path.Combine(folder, "model");

    /// <summary>A new, empty request folder in the temporary folder; the run that asked for it removes it.</summary>
    public static string CreateFolder() => Directory.CreateTempSubdirectory(FolderPrefix).FullName;

    /// <summary>
    /// Removes the request folder of a run that is gone (killed outright, so it could not remove it itself),
    /// for the worker that holds it. Only a folder that is a request (its name and its request file): the
    /// worker's argument could name any folder. The worker may be writing the model into it meanwhile, hence
    /// a few tries.
    /// </summary>
    /// <returns>Why it was not removed, or null when it was (or was not there any more).</returns>
    public static string? DeleteAbandoned(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        if (!Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)).StartsWith(FolderPrefix, StringComparison.Ordinal)
            || !File.Exists(Path.Combine(folder, RequestFile)))
        {
            return $"{folder}: not a fit request folder (no {FolderPrefix}* folder with {RequestFile}), so it was left alone";
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return null;
            }
            catch (IOException) when (attempt < 5)
            {
                // A file appeared while the folder was emptied (the fit saving its model): try again.
                Thread.Sleep(100);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"{folder}: could not remove it: {e.Message}";
            }
        }
    }

    /// <summary>Writes a request into an empty folder.</summary>
    public static void Write(string folder, ExperimentConfig config, string detector, int seed, IReadOnlyList<Trace> train)
    {
        File.WriteAllText(Path.Combine(folder, ConfigFile), ConfigExporter.ToYaml(config));
        var request = new RequestJson(detector, seed, train.Select(t => new TraceJson(t.Id, t.Family, t.Source)).ToArray());
        File.WriteAllText(Path.Combine(folder, RequestFile), JsonSerializer.Serialize(request, JsonOptions));
        TraceCallsFile.Write(Path.Combine(folder, CallsFile), train.Select(t => t.Calls).ToArray());
    }

    /// <summary>
    /// Reads a folder written by <see cref="Write"/>. The traces come back as the normal traces the runner
    /// fits on (training data holds no attacks) without timelines: a fit reads calls, and a recording's
    /// timeline matters to its evaluation only.
    /// </summary>
    /// <exception cref="SyscallBenchException">A file is missing or unreadable, or the detector is not in the config.</exception>
    public static FitWorkerRequest Read(string folder, ExperimentConfigReader reader)
    {
        var config = reader.ReadFile(Path.Combine(folder, ConfigFile));
        var requestPath = Path.Combine(folder, RequestFile);
        RequestJson request;
        try
        {
            request = JsonSerializer.Deserialize<RequestJson>(File.ReadAllText(requestPath), JsonOptions)
                ?? throw new SyscallBenchException($"{requestPath}: empty fit request.");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new SyscallBenchException($"{requestPath}: unreadable fit request: {e.Message}", e);
        }

        var detector = config.Detectors.FirstOrDefault(d => d.Name == request.Detector)
            ?? throw new SyscallBenchException($"{requestPath}: detector '{request.Detector}' is not in {Path.Combine(folder, ConfigFile)}.");
        var callsPath = Path.Combine(folder, CallsFile);
        var calls = TraceCallsFile.Read(callsPath, "the training traces of a fit request");
        if (calls.Length != request.Traces.Length)
        {
            throw new SyscallBenchException($"{callsPath}: {calls.Length} traces, but {requestPath} names {request.Traces.Length}.");
        }

        var train = request.Traces.Select((t, i) => Trace.Normal(t.Id, calls[i], t.Source, t.Family)).ToArray();
        return new FitWorkerRequest(detector, request.Seed, train, folder);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private sealed record RequestJson(string Detector, int Seed, TraceJson[] Traces);

    private sealed record TraceJson(string Id, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Family, string Source);
}
