using System.Globalization;
using Spectre.Console;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Cli.Console;

/// <summary>
/// Live progress while a run loads, fits and scores: Spectre.Console progress bars on a terminal, plain
/// timestamped lines when output is redirected (CI logs), so both stay readable.
/// </summary>
public static class ProgressDisplay
{
    public static T Run<T>(Func<IRunObserver, T> work)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return work(new LineObserver());
        }

        var result = default(T)!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context => result = work(new BarObserver(context)));
        return result;
    }

    private static string Key(string detector, int seed) => $"{detector}@{seed}";

    private static string Resamples(ResampleProgress progress) =>
        $"{progress.Done.ToString("N0", CultureInfo.InvariantCulture)}/{progress.Total.ToString("N0", CultureInfo.InvariantCulture)} resamples";

    private static string Comparing(ComparisonProgress progress) =>
        $"compare {progress.Detectors} detectors (split {progress.Split}, seed {progress.Seed})";

    private sealed class BarObserver(ProgressContext context) : IRunObserver
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new();
        private ProgressTask? _dataset;

        public void DatasetLoading(string type) => _dataset = context.AddTask($"load {Markup.Escape(type)}").IsIndeterminate();

        public void DatasetStatus(string status) => _dataset?.Description(Markup.Escape(status));

        public void DatasetLoaded(LabeledDataset dataset)
        {
            _dataset?.Description($"{Markup.Escape(dataset.Name)}: {dataset.Train.Count} train, {dataset.TestNormalCount} normal + {dataset.TestAttackCount} attack test traces")
                .IsIndeterminate(false).Value(100);
            _dataset?.StopTask();
        }

        public void FitStarted(string detector, int seed) =>
            _tasks[Key(detector, seed)] = context.AddTask($"fit {Markup.Escape(detector)} (seed {seed})", maxValue: 1.0);

        public void FitProgress(string detector, int seed, FitProgress progress)
        {
            var task = _tasks[Key(detector, seed)];
            task.Value = Math.Clamp(progress.Fraction, 0, 1) * 0.9;
            task.Description = $"fit {Markup.Escape(detector)}: {Markup.Escape(progress.Status)}";
        }

        public void ScoreStarted(string detector, int seed, int traces)
        {
            var task = _tasks[Key(detector, seed)];
            task.Value = 0.9;
            task.Description = $"score {Markup.Escape(detector)} ({traces} traces)";
        }

        public void SplitsPlanned(IReadOnlyList<SplitManifest> splits) => LeakageWarnings.Write(splits, AnsiConsole.MarkupLine);

        // The last tenth of a unit's bar: its bootstrap, which at 100,000 resamples takes longer than the scoring.
        public void BootstrapProgress(string detector, int seed, ResampleProgress progress)
        {
            var task = _tasks[Key(detector, seed)];
            task.Value = 0.9 + (0.1 * progress.Done / Math.Max(1, progress.Total));
            task.Description = $"bootstrap {Markup.Escape(detector)}: {Resamples(progress)}";
        }

        public void DetectorFinished(DetectorResult result)
        {
            var task = _tasks[Key(result.Label(multipleSeeds: false), result.Seed)];
            task.Description = $"{Markup.Escape(result.Detector)}: ROC AUC {result.Evaluation.RocAuc:0.000}";
            task.Value = 1.0;
            task.StopTask();
        }

        public void ComparisonProgress(ComparisonProgress progress)
        {
            var key = $"compare {progress.Split}@{progress.Seed}";
            if (!_tasks.TryGetValue(key, out var task))
            {
                task = _tasks[key] = context.AddTask(Markup.Escape(Comparing(progress)), maxValue: progress.Resamples.Total);
            }

            task.Value = progress.Resamples.Done;
            task.Description = $"{Markup.Escape(Comparing(progress))}: {Resamples(progress.Resamples)}";
            if (progress.Resamples.Done == progress.Resamples.Total)
            {
                task.StopTask();
            }
        }
    }

    private sealed class LineObserver : IRunObserver
    {
        private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);
        private readonly Dictionary<(string Detector, int Seed), DateTime> _lastFitLine = [];
        private readonly Dictionary<string, DateTime> _bootstrapStarted = [];
        private DateTime _lastBootstrapLine = DateTime.MinValue;

        public void DatasetLoading(string type) => Line($"loading dataset {type}");

        public void DatasetLoaded(LabeledDataset dataset) =>
            Line($"loaded {dataset.Name}: {dataset.Train.Count} train, {dataset.TestNormalCount} normal + {dataset.TestAttackCount} attack test traces");

        public void SplitsPlanned(IReadOnlyList<SplitManifest> splits) => LeakageWarnings.Write(splits, AnsiConsole.MarkupLine);

        // A unit may come from the cache without fitting: the line says which unit starts, not "fitting".
        public void FitStarted(string detector, int seed) => Line($"unit {detector} (seed {seed})");

        public void FitProgress(string detector, int seed, FitProgress progress)
        {
            // One line every few seconds per unit is enough for a log; the seed tells apart units fitting side by side.
            if (DateTime.UtcNow - _lastFitLine.GetValueOrDefault((detector, seed), DateTime.MinValue) > LineInterval)
            {
                _lastFitLine[(detector, seed)] = DateTime.UtcNow;
                Line($"  {detector} (seed {seed}): {progress.Fraction:P0} {progress.Status}");
            }
        }

        public void ScoreStarted(string detector, int seed, int traces) => Line($"scoring {traces} traces with {detector}");

        public void BootstrapProgress(string detector, int seed, ResampleProgress progress) =>
            BootstrapLine(Key(detector, seed), progress, $"  {detector}: bootstrap {Resamples(progress)}");

        public void ComparisonProgress(ComparisonProgress progress) =>
            BootstrapLine($"compare {progress.Split}@{progress.Seed}", progress.Resamples, $"{Comparing(progress)}: bootstrap {Resamples(progress.Resamples)}");

        /// <summary>
        /// A line every few seconds of a bootstrap that lasts that long (100,000 resamples, many detectors); quick ones,
        /// most, stay out of the log.
        /// </summary>
        private void BootstrapLine(string key, ResampleProgress progress, string text)
        {
            var now = DateTime.UtcNow;
            if (progress.Done <= Math.Max(1, progress.Total / 100))
            {
                _bootstrapStarted[key] = now;
            }

            var started = _bootstrapStarted.GetValueOrDefault(key, now);
            if (now - started > LineInterval && now - _lastBootstrapLine > LineInterval)
            {
                _lastBootstrapLine = now;
                Line(text);
            }
        }

        public void DetectorFinished(DetectorResult result) =>
            Line($"{result.Label(multipleSeeds: false)} ({(result.SeedDependent ? $"seed {result.Seed}" : "deterministic, any seed")}): ROC AUC {result.Evaluation.RocAuc:0.0000}, " +
                 (result.ScoresReused ? "finished before, reused from the cache"
                     : (result.ModelReused ? $"cached model reused (fitted in {result.FitTime.TotalSeconds:0.0}s)" : $"fit {result.FitTime.TotalSeconds:0.0}s") +
                       $", score {result.ScoreTime.TotalSeconds:0.0}s"));

        private static void Line(string text) => System.Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");
    }
}
