using System.Globalization;
using System.Text;
using SyscallBench.Core.Config;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Datasets.LidDs;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Probes.Generalization;
using SyscallBench.Core.Running;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;
using SyscallBench.Core.Traces.Sysdig;

namespace SyscallBench.Core.Streaming;

/// <summary>What `score` is asked to do: which model scores which input, windowed how, alerting at which rate.</summary>
/// <param name="Model">A saved model folder, RUN_DIR/models/NAME (or .../NAME/seed-N).</param>
/// <param name="Input">A trace file, a LID-DS recording (.zip, .sc) or a folder of them; null: <see cref="Dataset"/>'s traces, or else
/// standard input (strace output or .sc lines), as it arrives.</param>
/// <param name="Window">How each process's calls are cut into windows.</param>
public sealed record ScoreRequest(string Model, string? Input, WindowSpec Window)
{
    /// <summary>Alert when a window scores above the threshold that at most this share of normal calibration windows pass.</summary>
    public double FalseAlarmRate { get; init; } = 0.01;

    /// <summary>Known-normal traces that set the threshold (<see cref="CalibrationSource"/>: folders, labels.csv files, trace files);
    /// empty: the run's normal test traces of the model's split.</summary>
    public IReadOnlyList<string> Calibrate { get; init; } = [];

    /// <summary>Instead of <see cref="Input"/>: traces of an experiment's dataset, picked by split and label.</summary>
    public DatasetSelection? Dataset { get; init; }

    /// <summary>Where calibrations are kept between calls (<see cref="CalibrationCache"/>).</summary>
    public string CacheDirectory { get; init; } = Path.Combine("results", ".score-cache");

    /// <summary>Processes followed at once (<see cref="WindowStream"/>).</summary>
    public int MaxProcesses { get; init; } = WindowStream.DefaultMaxProcesses;

    /// <summary>Longest process given a whole-trace score (<see cref="WindowStream"/>).</summary>
    public int MaxTraceCalls { get; init; } = WindowStream.DefaultMaxTraceCalls;

    /// <summary>Calls shown per alert, by position score (<see cref="WindowExplainer"/>).</summary>
    public int TopPositions { get; init; } = 5;

    /// <summary>What standard input holds (told by its first line when Auto).</summary>
    public ScoreInputFormat InputFormat { get; init; } = ScoreInputFormat.Auto;

    /// <summary>How .sc input is cut into streams; null: as the model's run read its recordings (lid-ds), else per thread.</summary>
    public RecordingStreams? Streams { get; init; }

    public bool ReadsStandardInput => Input is null && Dataset is null;
}

/// <summary>
/// The policy of `score`, apart from the console: from a <see cref="ScoreRequest"/> to a loaded model, its
/// window scorer, the threshold and the warnings, then the scoring of the input. The CLI parses the
/// arguments into the request and renders what the session gives.
/// </summary>
/// <remarks>
/// <para>Numbering: scoring x86-64 strace numbers with an ADFA-LD model (x86-32) is meaningless ("read" is 0 on
/// one and 3 on the other), and so is a threshold set on such calibration traces. Refused when both numberings
/// are known (the input's and the calibration files', each against the model's), warned about when the model's is not.</para>
/// <para>Threshold: set on the windows of known-normal traces: the --calibrate files, or else the normal test
/// traces of the split the model was fitted on (a re-split model was fitted on most of the dataset's official
/// test normals, so those would not do), never on traces the model was fitted on.</para>
/// <para>Calibrations are cached (<see cref="CalibrationCache"/>) under a key covering the model's files, the
/// windowing, the calibration traces' identity (dataset hash and split, or the files' content), the process cap
/// (it changes the windows of multi-process files) and the tool's version.</para>
/// </remarks>
public sealed class ScoreSession : IDisposable
{
    private readonly List<string> _warnings;

    private ScoreSession(ScoreRequest request, IReadOnlyList<(string File, string Name)> inputFiles, SelectedTraces? selected, IFittedDetector model,
        WindowCalibration calibration, bool calibrationCached, SyscallNames? names, ScStreams streams, List<string> warnings)
    {
        Request = request;
        Streams = streams;
        InputFiles = inputFiles;
        Selected = selected;
        Model = model;
        Scorer = new WindowScorer(model);
        Calibration = calibration;
        CalibrationCached = calibrationCached;
        Threshold = calibration.ThresholdAt(request.FalseAlarmRate);
        Names = names;
        _warnings = warnings;
        if (Threshold.AchievedFalseAlarmRate == 0 && Threshold.Value >= calibration.Scores[^1])
        {
            // Heavily tied scores (stide's mismatch rates) can put every candidate threshold at the top.
            _warnings.Add($"the threshold is the highest normal window score ({Threshold.Value.ToString("R", CultureInfo.InvariantCulture)}): "
                + "only windows scoring above every normal window alert, which a bounded score (stide's 1) may never do; try a higher --false-alarm-rate.");
        }
    }

    public ScoreRequest Request { get; }

    /// <summary>The files of the input with the names their processes get (relative to a folder input); empty for standard input.</summary>
    public IReadOnlyList<(string File, string Name)> InputFiles { get; }

    /// <summary>The dataset's traces picked by --dataset (each a process named by its id, recordings by their streams); null otherwise.</summary>
    public SelectedTraces? Selected { get; }

    /// <summary>The loaded model (owned by the session).</summary>
    public IFittedDetector Model { get; }

    public WindowScorer Scorer { get; }

    /// <summary>The normal window scores the threshold was set on, and where they came from.</summary>
    public WindowCalibration Calibration { get; }

    /// <summary>Whether the calibration came from the cache.</summary>
    public bool CalibrationCached { get; }

    /// <summary>The alert threshold at the requested false-alarm rate.</summary>
    public TrainingThreshold Threshold { get; }

    /// <summary>The syscall table to name calls with; null when the numbering is unknown (numbers are shown).</summary>
    public SyscallNames? Names { get; }

    /// <summary>How .sc input (standard input, recordings) is cut into streams: the request's, else the model's run's.</summary>
    public ScStreams Streams { get; }

    /// <summary>What the caller should know about the setup (unknown numbering, a threshold at the top), in the order found.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>Checks the request against the model's run, loads the model and sets the threshold (computed, or from the cache).</summary>
    /// <param name="request">What to score, and how.</param>
    /// <param name="detectors">The registry that loads the model.</param>
    /// <param name="configReader">Reads the config of the model's run (for its dataset and numbering).</param>
    /// <param name="warn">Told about lines of calibration files that were not strace output, and about entries of input or
    /// calibration folders that are not regular files (symbolic links, FIFOs), all skipped.</param>
    /// <param name="cancellation">Stops the calibration.</param>
    /// <exception cref="SyscallBenchException">Bad input: a missing input or calibration folder, numberings that do not match, no normal traces to calibrate on.</exception>
    public static ScoreSession Open(ScoreRequest request, DetectorRegistry detectors, ExperimentConfigReader configReader, Action<string> warn,
        CancellationToken cancellation = default)
    {
        var inputFiles = request.Input is { } input ? FilesOf(input, warn) : [];
        var selected = request.Dataset?.Load(configReader);
        // Standard input is strace output or .sc lines, both numbered with the x86-64 table; a folder's files are taken to share the first's numbering.
        var inputNumbering = selected is not null ? ModelRun.NumberingOf(selected.Dataset.Provenance.Architecture, selected.Dataset.Provenance.Type)
            : request.ReadsStandardInput ? SyscallNumbering.X86_64
            : ScoreInputs.NumberingOf(inputFiles[0].File);
        var run = ModelRun.Of(request.Model, configReader);
        var streams = StreamsOf(request, run);
        var calibrationSources = request.Calibrate.Select(c => CalibrationSource.Of(c, warn)).ToArray();
        var warnings = new List<string>();
        var numbering = CheckNumbering(request, run, inputNumbering, selected, calibrationSources, warnings);
        if (selected is not null && run is not null && FittedOn(request, run, selected) is > 0 and var fitted)
        {
            warnings.Add($"{fitted.ToString("N0", CultureInfo.InvariantCulture)} of the {selected.Traces.Count.ToString("N0", CultureInfo.InvariantCulture)} selected traces "
                + $"are traces the model was fitted on (split '{run.SplitOf(request.Model)}' of run {run.Directory}): their scores are in-sample, lower than new traces' would be.");
        }

        var model = detectors.Load(request.Model);
        try
        {
            var (calibration, cached) = Calibrate(request, new WindowScorer(model), run, calibrationSources, streams, warn, cancellation);
            var names = numbering switch
            {
                SyscallNumbering.X86_32 => SyscallNames.X86_32,
                SyscallNumbering.X86_64 => SyscallNames.X86_64,
                _ => null,
            };
            return new ScoreSession(request, inputFiles, selected, model, calibration, cached, names, streams, warnings);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Scores the input, giving results to <paramref name="sink"/> as they come: each file in turn (its
    /// processes end with it), or standard input line by line (each window as soon as it closes, so alerts appear
    /// while strace or `record -` runs). Standard input is strace output or .sc lines (<see cref="ScoreRequest.InputFormat"/>).
    /// </summary>
    /// <param name="standardInput">Read when the request's input is standard input.</param>
    /// <param name="sink">Receives every window and ended process.</param>
    /// <param name="warn">Told about lines that were not strace output (skipped), once per file.</param>
    /// <param name="outputClosed">Asked after each line of standard input and each file: true when nobody reads the
    /// results any more (`| head` ended), so reading stops too.</param>
    /// <param name="cancellation">Ctrl-C: how live scoring ends. The processes read so far end and are summarised, as
    /// at the end of the input.</param>
    /// <returns>The scorer, with its totals, and why scoring ended.</returns>
    public (StreamScorer Scorer, ScoreEnd End) Score(Stream standardInput, IScoreSink sink, Action<string> warn, Func<bool>? outputClosed = null,
        CancellationToken cancellation = default)
    {
        var streamer = new StreamScorer(new WindowStream(Request.Window, Request.MaxProcesses, Request.MaxTraceCalls), Scorer,
            new WindowExplainer(Model, Request.TopPositions), Threshold, sink);
        outputClosed ??= () => false;
        StraceReader? strace = null;
        try
        {
            if (Request.ReadsStandardInput)
            {
                var (format, input) = StandardInputFormat.Detect(standardInput, Request.InputFormat);
                IEnumerable<ProcessEvent> events;
                if (format == ScoreInputFormat.Sc)
                {
                    events = ScInput.Read(new SysdigReader(input, "stdin", SysdigFormat.LidDs2021, SyscallNames.X86_64, leaveOpen: true), Streams,
                        cancellation: cancellation);
                }
                else
                {
                    strace = new StraceReader("stdin");
                    events = ScoreInputs.FromStrace(strace, new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), "",
                        cancellation: cancellation);
                }

                foreach (var e in events)
                {
                    streamer.Push(e, cancellation);
                    streamer.Flush(cancellation);
                    if (outputClosed())
                    {
                        return (streamer, ScoreEnd.OutputClosed);
                    }
                }

                streamer.Finish(cancellation);
                WarnAboutMixedOutput(strace, warn);
                return (streamer, ScoreEnd.InputEnded);
            }

            if (Selected is { } selected)
            {
                foreach (var trace in selected.Traces)
                {
                    foreach (var e in WindowCalibration.Replay(trace))
                    {
                        streamer.Push(e, cancellation);
                    }

                    streamer.Finish(cancellation); // each trace ends with its last call, as it does in a run
                    if (outputClosed())
                    {
                        return (streamer, ScoreEnd.OutputClosed);
                    }
                }

                return (streamer, ScoreEnd.InputEnded);
            }

            foreach (var (file, name) in InputFiles)
            {
                foreach (var e in ScoreInputs.FromFile(file, name, Streams, warn, cancellation))
                {
                    streamer.Push(e, cancellation);
                }

                streamer.Finish(cancellation); // a file's processes end with it
                if (outputClosed())
                {
                    return (streamer, ScoreEnd.OutputClosed);
                }
            }

            return (streamer, ScoreEnd.InputEnded);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            streamer.Finish(CancellationToken.None);
            WarnAboutMixedOutput(strace, warn); // live input ends with Ctrl-C: the note is as due then
            return (streamer, ScoreEnd.Interrupted);
        }
    }

    /// <summary>Once, at the end of standard input: how many lines were not strace output, why that happens on a pipe, and what works.</summary>
    private static void WarnAboutMixedOutput(StraceReader? strace, Action<string> warn)
    {
        if (strace is not null && ScoreInputs.MalformedNote(strace) is { } note)
        {
            warn(note + " " + ScoreInputs.MixedOutputAdvice);
        }
    }

    public void Dispose() => Model.Dispose();

    /// <summary>The files of INPUT with the names their processes get (relative to a folder input).</summary>
    private static IReadOnlyList<(string File, string Name)> FilesOf(string input, Action<string> skipped)
    {
        if (File.Exists(input))
        {
            return [(input, Path.GetFileName(input))];
        }

        if (Directory.Exists(input))
        {
            var files = ScoreInputs.FilesOf(input, skipped);
            return files.Count > 0
                ? files.Select(f => (f, Path.GetRelativePath(input, f).Replace('\\', '/'))).ToArray()
                : throw new SyscallBenchException($"{input}: no trace files in the folder.");
        }

        throw new SyscallBenchException($"{input}: no such file or folder (give a trace file, a folder of them, or - for standard input).");
    }

    /// <summary>Refuses numberings that differ from the model's, warns when the model's is unknown; returns the numbering to name calls by.</summary>
    private static SyscallNumbering? CheckNumbering(ScoreRequest request, ModelRun? run, SyscallNumbering? inputNumbering, SelectedTraces? selected,
        IReadOnlyList<CalibrationSource> calibration, List<string> warnings)
    {
        var modelNumbering = run?.Numbering;
        // Each calibration source's files are taken to share its first file's numbering, as a folder input's do.
        var calibrationNumbering = calibration.Select(c => (What: $"--calibrate {c.Given} traces", Numbering: ScoreInputs.NumberingOf(c.Files[0]))).ToArray();
        var input = selected is null
            ? ("input traces", inputNumbering)
            : ($"--dataset {request.Dataset!.Experiment} traces", inputNumbering);
        foreach (var (what, numbering) in calibrationNumbering.Prepend(input))
        {
            if (modelNumbering is { } model && numbering is { } other && model != other)
            {
                throw new SyscallBenchException($"{request.Model}: the model was fitted on dataset type '{run!.DatasetType}' ({Describe(model)} syscall numbers), "
                    + (selected is not null && what == input.Item1
                        ? $"but the {what} are of dataset type '{selected.Dataset.Provenance.Type}' ({Describe(other)} numbers): the scores would be meaningless."
                        : $"but the {what} are strace output or syscall names ({Describe(other)} numbers): the scores would be meaningless. Fit a model on strace "
                            + "recordings (e.g. experiments/strace-sample.yaml) to score strace output."));
            }
        }

        var calibrationKnown = calibrationNumbering.Select(c => c.Numbering).FirstOrDefault(n => n is not null);
        if ((inputNumbering ?? calibrationKnown) is not null && modelNumbering is null)
        {
            warnings.Add(run is null
                ? $"{request.Model} is not inside a run folder, so its syscall numbering is unknown: make sure it was fitted on x86-64 strace recordings."
                : $"the model's dataset type '{run.DatasetType}' does not record its syscall numbering: make sure it was fitted on x86-64 strace recordings.");
        }

        return inputNumbering ?? modelNumbering;
    }

    /// <summary>How many of the selected traces the model was fitted on (its split's train ids), when they come from the model's run's dataset.</summary>
    private static int FittedOn(ScoreRequest request, ModelRun run, SelectedTraces selected)
    {
        if (selected.Dataset.Provenance.ContentHash != run.DatasetHash || run.TrainIdsOf(run.SplitOf(request.Model)) is not { } trainIds)
        {
            return 0;
        }

        return selected.Traces.Count(t => trainIds.Contains(t.Id));
    }

    /// <summary>
    /// How .sc input is cut: as the model's run read its recordings (a model fitted on thread streams scores threads), or
    /// per thread for a model outside a lid-ds run unless --streams says otherwise. A --streams that differs from the run's is refused.
    /// </summary>
    private static ScStreams StreamsOf(ScoreRequest request, ModelRun? run)
    {
        if (run?.RecordingStreams is { } fitted)
        {
            return request.Streams is { } asked && asked != fitted.Streams
                ? throw new SyscallBenchException($"--streams {asked.ToString().ToLowerInvariant()}: the model {request.Model} was fitted on "
                    + $"{fitted.Streams.ToString().ToLowerInvariant()} streams (its run's lid-ds dataset), so its scores on other streams would mean nothing; leave --streams out.")
                : fitted;
        }

        return new ScStreams(request.Streams ?? RecordingStreams.Thread);
    }

    private static string Describe(SyscallNumbering numbering) => numbering.ToString().Replace('_', '-').ToLowerInvariant();

    /// <summary>The normal window scores the threshold is set on: from the cache, or computed and stored.</summary>
    private static (WindowCalibration Calibration, bool Cached) Calibrate(ScoreRequest request, WindowScorer scorer, ModelRun? run,
        IReadOnlyList<CalibrationSource> sources, ScStreams streams, Action<string> warn, CancellationToken cancellation)
    {
        var spec = request.Window;
        string identity;
        Func<WindowCalibration> compute;
        if (sources.Count > 0)
        {
            identity = "files " + string.Join(" ", sources.Select(c => CalibrationCache.HashFiles(c.Root, c.Files))) + $"\nstreams {streams.Streams} {streams.Direction}";
            compute = () => WindowCalibration.Compute(
                $"{string.Join(" and ", sources.Select(c => c.Description))} (--calibrate), taken as normal",
                spec, scorer, sources.SelectMany(c => c.Files.Select(f => ScoreInputs.FromFile(f, Path.GetRelativePath(c.Root, f), streams, warn, cancellation))),
                request.MaxProcesses, cancellation);
        }
        else if (run is null)
        {
            throw new SyscallBenchException($"{request.Model}: not inside a run folder (RUN_DIR/models/NAME), so there are no normal test traces "
                + "to set the threshold on; give --calibrate FOLDER with known-normal traces.");
        }
        else if (spec.IsTimed && run.RecordingStreams is null)
        {
            throw new SyscallBenchException("--window-seconds: the run's normal test traces have no timestamps to cut time windows from; "
                + "give --calibrate FOLDER with timed known-normal strace logs (strace -tt), or use --window-calls.");
        }
        else
        {
            var split = run.SplitOf(request.Model);
            identity = $"dataset {run.DatasetHash} split {split}";
            compute = () =>
            {
                // Recordings (lid-ds) replay as the streams the run read them in, with their times.
                var normals = run.LoadTestNormals(split);
                return WindowCalibration.Compute(
                    $"the {normals.Count} normal traces of the test split of run {run.Directory} (split '{split}', {run.DatasetType}; not used for fitting)",
                    spec, scorer, normals.Select(WindowCalibration.Replay), request.MaxProcesses, cancellation);
            };
        }

        identity += $"\nmax processes {request.MaxProcesses.ToString(CultureInfo.InvariantCulture)}";
        var cache = new CalibrationCache(request.CacheDirectory);
        var key = CalibrationCache.Key(request.Model, spec, identity, RunEnvironment.CurrentToolVersion);
        if (cache.TryLoad(key) is { } cached)
        {
            return (cached, true);
        }

        var calibration = compute();
        cache.Store(key, calibration);
        return (calibration, false);
    }
}

/// <summary>Why <see cref="ScoreSession.Score"/> stopped.</summary>
public enum ScoreEnd
{
    /// <summary>The whole input was read.</summary>
    InputEnded,

    /// <summary>Cancelled (Ctrl-C): the processes read so far were ended and summarised.</summary>
    Interrupted,

    /// <summary>Nobody reads the results any more (a closed pipe), so reading stopped.</summary>
    OutputClosed,
}
