using System.Globalization;
using Spectre.Console;
using Spectre.Console.Cli;
using SyscallBench.Cli.Scoring;
using SyscallBench.Core;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Running;
using SyscallBench.Core.Streaming;
using SyscallBench.Core.Traces;
using SyscallBench.Core.Traces.Strace;

namespace SyscallBench.Cli.Commands;

/// <summary>
/// `score --model MODEL_DIR INPUT`: scores new traces with a saved model: a score per trace, per process a
/// timeline of window scores, and an alert (with an explanation) for every window above the threshold
/// calibrated on normal windows at the chosen false-alarm rate. Streams: results are printed as they come.
/// </summary>
public sealed class ScoreCommand : Command<ScoreSettings>
{
    public override int Execute(CommandContext context, ScoreSettings settings, CancellationToken cancellationToken)
    {
        var spec = settings.Window;
        var inputNumbering = settings.ReadsStandardInput ? SyscallNumbering.X86_64 : InputNumbering(settings.Input);
        var run = ModelRun.Of(settings.Model, DetectorCatalog.ConfigReader());
        IScoreOutput output = settings.JsonLines ? new JsonLinesScoreOutput() : new TableScoreOutput();
        var calibrationFiles = CalibrationFiles(settings);
        var calibrationNumbering = calibrationFiles is null ? null : ScoreInputs.NumberingOf(TraceFileFormats.Of(calibrationFiles[0]));
        var numbering = CheckNumbering(settings, run, inputNumbering, calibrationNumbering, output);
        using var fitted = DetectorCatalog.Detectors.Load(settings.Model);
        var scorer = new WindowScorer(fitted);
        var (calibration, cached) = Calibrate(settings, spec, scorer, run, calibrationFiles, output.Warning, cancellationToken);
        var threshold = calibration.ThresholdAt(settings.FalseAlarmRate);
        var names = numbering switch
        {
            SyscallNumbering.X86_32 => SyscallNames.X86_32,
            SyscallNumbering.X86_64 => SyscallNames.X86_64,
            _ => null,
        };
        output.Start(new ScoreHeader(settings.Model, fitted.Type, spec, calibration, cached, threshold, names));
        if (threshold.AchievedFalseAlarmRate == 0 && threshold.Value >= calibration.Scores[^1])
        {
            // Heavily tied scores (stide's mismatch rates) can put every candidate threshold at the top.
            output.Warning($"the threshold is the highest normal window score ({threshold.Value.ToString("R", CultureInfo.InvariantCulture)}): "
                + "only windows scoring above every normal window alert, which a bounded score (stide's 1) may never do; try a higher --false-alarm-rate.");
        }

        var streamer = new StreamScorer(new WindowStream(spec, settings.MaxProcesses, settings.MaxTraceCalls), scorer,
            new WindowExplainer(fitted, settings.Top), threshold, output);
        if (settings.ReadsStandardInput)
        {
            // Live input: score each window as soon as it closes, so alerts appear while strace runs.
            var reader = new StraceReader("stdin");
            foreach (var e in ScoreInputs.FromStrace(reader, System.Console.In, "", cancellation: cancellationToken))
            {
                streamer.Push(e, cancellationToken);
                streamer.Flush(cancellationToken);
            }

            streamer.Finish(cancellationToken);
            if (ScoreInputs.MalformedNote(reader) is { } note)
            {
                output.Warning(note);
            }
        }
        else
        {
            foreach (var (file, name) in InputFiles(settings.Input))
            {
                foreach (var e in ScoreInputs.FromFile(file, name, output.Warning, cancellationToken))
                {
                    streamer.Push(e, cancellationToken);
                }

                streamer.Finish(cancellationToken); // a file's processes end with it
            }
        }

        output.Finish(streamer);
        return CliApp.ExitOk;
    }

    /// <summary>The numbering of the input's first file (a folder's files are taken to share it).</summary>
    private static SyscallNumbering? InputNumbering(string input) =>
        ScoreInputs.NumberingOf(TraceFileFormats.Of(InputFiles(input)[0].File));

    /// <summary>The files of INPUT with the names their processes get (relative to a folder input).</summary>
    private static IReadOnlyList<(string File, string Name)> InputFiles(string input)
    {
        if (File.Exists(input))
        {
            return [(input, Path.GetFileName(input))];
        }

        if (Directory.Exists(input))
        {
            var files = ScoreInputs.FilesOf(input);
            return files.Count > 0
                ? files.Select(f => (f, Path.GetRelativePath(input, f).Replace('\\', '/'))).ToArray()
                : throw new SyscallBenchException($"{input}: no trace files in the folder.");
        }

        throw new SyscallBenchException($"{input}: no such file or folder (give a trace file, a folder of them, or - for standard input).");
    }

    /// <summary>The trace files of --calibrate (the numbering check reads the first), or null without it.</summary>
    private static IReadOnlyList<string>? CalibrationFiles(ScoreSettings settings)
    {
        if (settings.Calibrate is not { } folder)
        {
            return null;
        }

        if (!Directory.Exists(folder))
        {
            throw new SyscallBenchException($"--calibrate {folder}: no such folder.");
        }

        var files = ScoreInputs.FilesOf(folder);
        return files.Count > 0 ? files : throw new SyscallBenchException($"--calibrate {folder}: no trace files in the folder.");
    }

    /// <summary>
    /// Scoring x86-64 strace numbers with an ADFA-LD model (x86-32) is meaningless: "read" is 0 on one and
    /// 3 on the other; so is a threshold set on such calibration traces. Refused when both numberings are
    /// known (the input's and the --calibrate files', each against the model's), warned about when the
    /// model's is not.
    /// </summary>
    private static SyscallNumbering? CheckNumbering(ScoreSettings settings, ModelRun? run, SyscallNumbering? inputNumbering,
        SyscallNumbering? calibrationNumbering, IScoreOutput output)
    {
        var modelNumbering = run?.Numbering;
        foreach (var (what, numbering) in new[] { ("input", inputNumbering), ($"--calibrate {settings.Calibrate} traces", calibrationNumbering) })
        {
            if (modelNumbering is { } model && numbering is { } other && model != other)
            {
                throw new SyscallBenchException($"{settings.Model}: the model was fitted on dataset type '{run!.DatasetType}' ({Describe(model)} syscall numbers), "
                    + $"but the {what} are strace output or syscall names ({Describe(other)} numbers): the scores would be meaningless. Fit a model on strace "
                    + "recordings (e.g. experiments/strace-sample.yaml) to score strace output.");
            }
        }

        if ((inputNumbering ?? calibrationNumbering) is not null && modelNumbering is null)
        {
            output.Warning(run is null
                ? $"{settings.Model} is not inside a run folder, so its syscall numbering is unknown: make sure it was fitted on x86-64 strace recordings."
                : $"the model's dataset type '{run.DatasetType}' does not record its syscall numbering: make sure it was fitted on x86-64 strace recordings.");
        }

        return inputNumbering ?? modelNumbering;
    }

    private static string Describe(SyscallNumbering numbering) => numbering.ToString().Replace('_', '-').ToLowerInvariant();

    private static (WindowCalibration Calibration, bool Cached) Calibrate(ScoreSettings settings, WindowSpec spec,
        WindowScorer scorer, ModelRun? run, IReadOnlyList<string>? calibrationFiles, Action<string> warn, CancellationToken cancellation)
    {
        string identity;
        Func<WindowCalibration> compute;
        if (settings.Calibrate is { } folder && calibrationFiles is { } files)
        {
            identity = "files " + CalibrationCache.HashFiles(folder, files);
            compute = () => WindowCalibration.Compute(
                $"the {files.Count} files under {Path.GetFullPath(folder)} (--calibrate), taken as normal",
                spec, scorer, files.Select(f => ScoreInputs.FromFile(f, Path.GetRelativePath(folder, f), warn, cancellation)),
                settings.MaxProcesses, cancellation);
        }
        else if (run is null)
        {
            throw new SyscallBenchException($"{settings.Model}: not inside a run folder (RUN_DIR/models/NAME), so there are no normal test traces "
                + "to set the threshold on; give --calibrate FOLDER with known-normal traces.");
        }
        else if (spec.IsTimed)
        {
            throw new SyscallBenchException("--window-seconds: the run's normal test traces have no timestamps to cut time windows from; "
                + "give --calibrate FOLDER with timed known-normal strace logs (strace -tt), or use --window-calls.");
        }
        else
        {
            // The model's own split: a re-split model was fitted on most of the dataset's official test normals.
            var split = run.SplitOf(settings.Model);
            identity = $"dataset {run.DatasetHash} split {split}";
            compute = () =>
            {
                var normals = run.LoadTestNormals(split);
                return WindowCalibration.Compute(
                    $"the {normals.Count} normal traces of the test split of run {run.Directory} (split '{split}', {run.DatasetType}; not used for fitting)",
                    spec, scorer, normals.Select(WindowCalibration.Replay), settings.MaxProcesses, cancellation);
            };
        }

        // The process cap changes the windows of a multi-process calibration file (evicted processes end early).
        identity += $"\nmax processes {settings.MaxProcesses.ToString(CultureInfo.InvariantCulture)}";
        var cache = new CalibrationCache(settings.Cache);
        var key = CalibrationCache.Key(settings.Model, spec, identity, RunEnvironment.CurrentToolVersion);
        if (cache.TryLoad(key) is { } cached)
        {
            return (cached, true);
        }

        var calibration = compute();
        cache.Store(key, calibration);
        return (calibration, false);
    }
}
