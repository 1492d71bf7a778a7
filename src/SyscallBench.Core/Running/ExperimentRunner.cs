using System.Diagnostics;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Evaluation.OverTime;
using SyscallBench.Core.Export;
using SyscallBench.Core.Probes;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running.Caching;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Core.Running.Workers;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Running;

/// <summary>What a completed run left behind.</summary>
/// <param name="Result">The immutable result every exporter read.</param>
/// <param name="Directory">The committed run folder.</param>
/// <param name="ExportFailures">Exporters that failed ("name: message"); the others still wrote their files.</param>
public sealed record RunOutcome(RunResult Result, string Directory, IReadOnlyList<string> ExportFailures);

/// <summary>
/// Runs an experiment: load the dataset, plan its splits and work units (split x seed x detector), run
/// every unit (fit on the split's training normals, score its test set, evaluate), then hand the
/// immutable result to the exporters.
/// </summary>
/// <remarks>
/// Protocol: detectors see only the training side of a split, which must be all normal; attack labels
/// are used by the evaluation alone. A failure or Ctrl-C before the exporters deletes the partial run
/// folder, so results/ never holds a half-finished run; units that finished before it stay in the model
/// and score caches, so running the same command again resumes where it stopped.
/// </remarks>
/// <param name="exporters">Writers of the run's files, each reading the immutable result.</param>
/// <param name="probes">Extra questions asked of each fitted detector (see <see cref="IDetectorProbe"/>).</param>
/// <param name="force">Recompute every unit (refit, rescore) and overwrite its cache entries, instead of
/// reusing cached models and scores computed with identical options, seed, data and code.</param>
/// <param name="fitWorkers">Fits units in processes of their own when a run has more than one slot (see
/// <see cref="FitsInWorker"/>); null fits every unit in this process.</param>
public sealed class ExperimentRunner(IReadOnlyList<IResultExporter> exporters, IReadOnlyList<IDetectorProbe>? probes = null,
    bool force = false, FitWorkerProcess? fitWorkers = null)
{
    public static IReadOnlyList<IResultExporter> CoreExporters { get; } =
    [
        new ConfigExporter(),
        new ManifestExporter(),
        new MetricsCsvExporter(),
        new MetricsJsonExporter(),
        new ScoresCsvExporter(),
        new ProbesJsonExporter(),
        new GeneralizationCsvExporter(),
        new SplitsExporter(),
        new LearningCurveCsvExporter(),
        new OverTimeJsonExporter(),
    ];

    /// <summary>
    /// Runs the experiment once per dataset; each run is complete and committed before the next. With a
    /// shard, only that slice of each dataset's units runs (see <see cref="WorkPlan"/>).
    /// </summary>
    public IReadOnlyList<RunOutcome> RunAll(ExperimentConfig config, IRunObserver observer, CancellationToken cancellation = default,
        ShardSpec? shard = null)
    {
        if (config.Datasets.Count == 1)
        {
            return [Run(config, observer, cancellation, shard: shard)];
        }

        return config.Datasets
            .Select(dataset => Run(config.ForDataset(dataset), observer, cancellation, runSuffix: dataset.Name, shard: shard))
            .ToArray();
    }

    /// <summary>Runs a single-dataset experiment, or one shard of it.</summary>
    public RunOutcome Run(ExperimentConfig config, IRunObserver observer, CancellationToken cancellation = default, string? runSuffix = null,
        ShardSpec? shard = null)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var environment = RunEnvironment.Capture();

        observer.DatasetLoading(config.Dataset.Type);
        var dataset = ValidationHoldout.Ensure(config.LoadDataset(config.Dataset, new SynchronousProgress<string>(observer.DatasetStatus)));
        CheckProtocol(dataset);
        observer.DatasetLoaded(dataset);
        var splits = SplitPlanner.Plan(dataset, config.Split, config.LearningCurve);
        observer.SplitsPlanned(splits.Select(s => s.Manifest).ToArray());
        var fullPlan = WorkPlan.Build(config, splits);
        var plan = shard is null ? fullPlan : fullPlan.Shard(shard);

        // Probes read a trace's calls and position scores as one sequence; a recording's are its streams' windows, which the
        // time-aware evaluation explains instead.
        var activeProbes = dataset.HasRecordings ? [] : (probes ?? []).Where(p => p.AppliesTo(dataset)).ToArray();
        var caches = new UnitCaches(new ModelCache(Path.Combine(config.OutputDirectory, ".model-cache")),
            new ScoreCache(Path.Combine(config.OutputDirectory, ".score-cache")),
            new OverTimeCache(Path.Combine(config.OutputDirectory, ".score-cache")), environment.ToolVersion);
        var suffix = string.Join("-", new[] { runSuffix, shard?.Name }.OfType<string>());
        using var runDirectory = RunDirectory.Create(config.OutputDirectory, config.Name, startedAt, suffix.Length == 0 ? null : suffix);
        var synchronized = new SynchronizedRunObserver(observer);
        var results = new UnitScheduler(config.Parallel, takesEverySlot: unit => unit.UsesAllCores && !FitsInWorker(unit.Detector, config),
            startsFirst: unit => FitsInWorker(unit.Detector, config)).Run(plan,
            (unit, members, keepModel, token) => RunUnit(unit, config, splits.Count, activeProbes, caches, members, keepModel,
                runDirectory, synchronized, token),
            cancellation);

        var result = new RunResult(runDirectory.RunId, config, DatasetSummary.Of(dataset), results, startedAt, wall.Elapsed, environment)
        {
            Splits = splits.Select(s => s.Manifest).ToArray(),
            Shard = shard is null ? null : new ShardRun(shard, plan.Units.Select(u => u.Key).ToArray(), fullPlan.Units.Select(u => u.Key).ToArray()),
        }.Summarized(new SynchronousProgress<ComparisonProgress>(synchronized.ComparisonProgress));
        var failures = RunExport.Write(exporters, result, dataset, runDirectory.PartialPath);
        runDirectory.Commit();
        return new RunOutcome(result, runDirectory.FinalPath, failures);
    }

    /// <summary>
    /// Whether a detector's units are fitted in worker processes: a detector on libtorch
    /// (<see cref="DetectorTraits.UsesAllCores"/>) that builds on no other detector, in a run with more than one
    /// slot, when this runner has workers. Such a unit takes one slot instead of all: its fit runs in the
    /// worker, beside the other units; its scoring, seconds against the fit's minutes, in this process.
    /// </summary>
    public bool FitsInWorker(DetectorSpec detector, ExperimentConfig config) =>
        fitWorkers is not null && config.Parallel > 1 && detector.Descriptor.Traits.HasFlag(DetectorTraits.UsesAllCores)
        && detector.Options is not IReferencesDetectors;

    private sealed record UnitCaches(ModelCache Models, ScoreCache Scores, OverTimeCache OverTime, string ToolVersion);

    /// <summary>
    /// One unit: scores and probe results from the score cache when this unit finished before (a resumed
    /// run), else from the model (cached, or fitted now); then evaluation and the model copy. With
    /// keepModel (a later unit builds on this one's model: an ensemble member) the model is returned loaded.
    /// </summary>
    private UnitOutcome RunUnit(WorkUnit unit, ExperimentConfig config, int splitCount, IReadOnlyList<IDetectorProbe> activeProbes,
        UnitCaches caches, IReadOnlyDictionary<string, IFittedDetector> members, bool keepModel, RunDirectory runDirectory,
        IRunObserver observer, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var spec = unit.Detector;
        var test = unit.Split.Data.Test;
        observer.FitStarted(unit.Label, unit.Seed);
        var modelKey = ModelCache.Key(spec, config.Detectors, unit.SeedDependent ? unit.Seed : null, unit.Split.Manifest.TrainSha256, caches.ToolVersion);
        var recordings = unit.Split.Data.HasRecordings;
        // Recordings are scored by windows and judged with validation thresholds: those options and data are part of the key.
        var scoresKey = ScoreCache.Key(modelKey, recordings
            ? $"{unit.Split.Manifest.TestSha256}\nvalidation {unit.Split.Manifest.ValidationSha256}\n{config.OverTime.Canonical()}"
            : unit.Split.Manifest.TestSha256);
        var cachedOverTime = force || !recordings ? null : caches.OverTime.TryLoad(scoresKey);
        var cachedScores = force || (recordings && cachedOverTime is null) ? null : caches.Scores.TryLoad(scoresKey, unit.Split.Manifest.TestIds, activeProbes);
        var needModel = cachedScores is null || keepModel || config.SaveModels;
        var cachedModel = force || !needModel ? null : caches.Models.TryLoad(modelKey, spec.Descriptor);

        IFittedDetector? fitted = null;
        try
        {
            var fitTime = TimeSpan.Zero;
            if (needModel)
            {
                (fitted, fitTime) = cachedModel ?? Fit(unit, config, members, observer, cancellation);
                if (cachedModel is null)
                {
                    caches.Models.Store(modelKey, fitted, fitTime, replace: force);
                }
            }
            else
            {
                fitTime = caches.Models.TryLoadFitTime(modelKey) ?? TimeSpan.Zero;
            }

            var overTime = cachedOverTime?.Evaluation;
            var (scores, scoreTime, probeResults) = cachedScores
                ?? (recordings
                    ? ScoreRecordings(unit, fitted!, config.OverTime, caches, scoresKey, observer, out overTime, cancellation)
                    : Score(unit, fitted!, activeProbes, caches.Scores, scoresKey, observer, cancellation));
            var scored = test.Select((trace, i) => new ScoredTrace(trace.Id, trace.Label, trace.Family, scores[i])).ToArray();
            var (evaluation, otherTestSets) = TestSetEvaluations.Evaluate(spec.Name, scored, config.Evaluation, unit.Split.Manifest,
                new SynchronousProgress<ResampleProgress>(p => observer.BootstrapProgress(unit.Label, unit.Seed, p)));
            var result = new DetectorResult(spec.Name, spec.Type, unit.Seed, scored, evaluation,
                fitTime, scoreTime, SaveModel(unit, config, splitCount, fitted, runDirectory), probeResults,
                ModelReused: cachedModel is not null || !needModel, Split: unit.Split.Name, SeedDependent: unit.SeedDependent,
                ScoresReused: cachedScores is not null)
            {
                OverTime = overTime,
                OtherTestSets = otherTestSets,
            };
            observer.DetectorFinished(result);
            if (keepModel)
            {
                return new UnitOutcome(result, fitted);
            }

            fitted?.Dispose();
            return new UnitOutcome(result, null);
        }
        catch
        {
            fitted?.Dispose();
            throw;
        }
    }

    /// <summary>Scores the split's test set, asks the probes, and stores both in the score cache.</summary>
    private static (double[] Scores, TimeSpan ScoreTime, IReadOnlyList<ProbeResult> Probes) Score(WorkUnit unit, IFittedDetector fitted,
        IReadOnlyList<IDetectorProbe> probes, ScoreCache cache, string key, IRunObserver observer, CancellationToken cancellation)
    {
        var test = unit.Split.Data.Test;
        observer.ScoreStarted(unit.Label, unit.Seed, test.Count);
        var scoreClock = Stopwatch.StartNew();
        // Values only: position scores are the probes' to ask for, for the few traces they explain.
        var scores = fitted.ScoreValues(test, cancellation).ToArray();
        var scoreTime = scoreClock.Elapsed;
        if (scores.Length != test.Count)
        {
            throw new InvalidOperationException($"Detector '{unit.Detector.Name}' returned {scores.Length} scores for {test.Count} traces.");
        }

        var probeResults = probes.Select(p => (p.Name, Result: p.Probe(unit.Detector.Name, unit.Seed, fitted, unit.Split.Data, scores))).ToArray();
        cache.Store(key, unit.Split.Manifest.TestIds, scores, scoreTime, probeResults);
        return (scores, scoreTime, probeResults.Select(p => p.Result).OfType<ProbeResult>().ToArray());
    }

    /// <summary>
    /// Scores the split's test recordings by their streams' windows and evaluates them over time (see
    /// <see cref="RecordingScoring"/>); stores both in the caches, the time-aware evaluation first so scores found in the
    /// cache always have theirs.
    /// </summary>
    private static (double[] Scores, TimeSpan ScoreTime, IReadOnlyList<ProbeResult> Probes) ScoreRecordings(WorkUnit unit, IFittedDetector fitted,
        OverTimeOptions options, UnitCaches caches, string key, IRunObserver observer, out OverTimeEvaluation? overTime, CancellationToken cancellation)
    {
        var data = unit.Split.Data;
        observer.ScoreStarted(unit.Label, unit.Seed, data.Test.Count);
        var clock = Stopwatch.StartNew();
        (var scores, overTime) = RecordingScoring.Run(fitted, data, options, cancellation);
        var scoreTime = clock.Elapsed;
        caches.OverTime.Store(key, overTime);
        caches.Scores.Store(key, unit.Split.Manifest.TestIds, scores, scoreTime, []);
        return (scores, scoreTime, []);
    }

    /// <summary>Copies the model to models/[&lt;split&gt;/]&lt;detector&gt;[/seed-&lt;seed&gt;] (each level only when the run has several).</summary>
    private static string? SaveModel(WorkUnit unit, ExperimentConfig config, int splitCount, IFittedDetector? fitted, RunDirectory runDirectory)
    {
        if (!config.SaveModels || fitted is null)
        {
            return null;
        }

        var parts = new List<string> { RunFolder.ModelsFolderName };
        if (splitCount > 1)
        {
            parts.Add(unit.Split.Name);
        }

        parts.Add(unit.Detector.Name);
        if (config.Seeds.Count > 1 && unit.SeedDependent)
        {
            parts.Add($"seed-{unit.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }

        var relative = Path.Combine([.. parts]);
        DetectorRegistry.Save(fitted, runDirectory.PathOf(relative));
        return relative;
    }

    private (IFittedDetector Fitted, TimeSpan FitTime) Fit(WorkUnit unit, ExperimentConfig config, IReadOnlyDictionary<string, IFittedDetector> members,
        IRunObserver observer, CancellationToken cancellation)
    {
        var progress = new SynchronousProgress<FitProgress>(p => observer.FitProgress(unit.Label, unit.Seed, p));
        // A recording's streams are the sequences detectors fit on (each thread's calls in order).
        var train = DetectorSequences.Of(unit.Split.Data.Train);
        return FitsInWorker(unit.Detector, config)
            ? fitWorkers!.Fit(config, unit.Detector, unit.Seed, train, progress, cancellation)
            : TimedFit.Run(unit.Detector, train, new FitContext(unit.Seed, progress, cancellation, members));
    }

    /// <summary>Training data must be normal only: attack traces there would leak labels into fitting.</summary>
    private static void CheckProtocol(LabeledDataset dataset)
    {
        var attack = dataset.Train.FirstOrDefault(t => t.IsAttack);
        if (attack is not null)
        {
            throw new DatasetException($"{attack.Source}: the training split holds an attack trace ({attack.Id}); detectors fit on normal traces only.");
        }

        if (dataset.Validation.FirstOrDefault(t => t.IsAttack) is { } validationAttack)
        {
            throw new DatasetException($"{validationAttack.Source}: the validation set holds an attack ({validationAttack.Id}); thresholds come from normal recordings only.");
        }

        if (dataset.Train.Count == 0)
        {
            throw new DatasetException($"{dataset.Provenance.Location}: the training split is empty.");
        }
    }
}
