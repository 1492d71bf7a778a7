using System.Diagnostics;
using SyscallBench.Core.Datasets;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Evaluation;
using SyscallBench.Core.Experiments.Export;
using SyscallBench.Core.Experiments.Generalization;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Experiments;

/// <summary>What a completed run left behind.</summary>
/// <param name="Result">The immutable result every exporter read.</param>
/// <param name="Directory">The committed run folder.</param>
/// <param name="ExportFailures">Exporters that failed ("name: message"); the others still wrote their files.</param>
public sealed record RunOutcome(RunResult Result, string Directory, IReadOnlyList<string> ExportFailures);

/// <summary>
/// Runs an experiment: load the dataset, fit every detector on the training normals for every seed, score
/// the test set, evaluate once, then hand the immutable result to the exporters.
/// </summary>
/// <remarks>
/// Protocol: detectors see only the training split, which must be all normal; attack labels are used by
/// the evaluation alone. A failure before the exporters deletes the partial run folder, so results/
/// never holds a half-finished run.
/// </remarks>
/// <param name="exporters">Writers of the run's files, each reading the immutable result.</param>
/// <param name="probes">Extra questions asked of each fitted detector (see <see cref="IDetectorProbe"/>).</param>
/// <param name="reuseModels">Load a cached model fitted with identical options, seed, data and code
/// instead of refitting (see <see cref="ModelCache"/>); false refits and refreshes nothing.</param>
public sealed class ExperimentRunner(IReadOnlyList<IResultExporter> exporters, IReadOnlyList<IDetectorProbe>? probes = null,
    bool reuseModels = true)
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
    ];

    /// <summary>Runs the experiment once per dataset; each run is complete and committed before the next.</summary>
    public IReadOnlyList<RunOutcome> RunAll(ExperimentConfig config, IRunObserver observer, CancellationToken cancellation = default)
    {
        if (config.Datasets.Count == 1)
        {
            return [Run(config, observer, cancellation)];
        }

        return config.Datasets
            .Select(dataset => Run(config.ForDataset(dataset), observer, cancellation, runSuffix: dataset.Name))
            .ToArray();
    }

    /// <summary>Runs a single-dataset experiment.</summary>
    public RunOutcome Run(ExperimentConfig config, IRunObserver observer, CancellationToken cancellation = default, string? runSuffix = null)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var wall = Stopwatch.StartNew();
        var environment = RunEnvironment.Capture();

        observer.DatasetLoading(config.Dataset.Type);
        var dataset = config.LoadDataset(config.Dataset, new SynchronousProgress<string>(observer.DatasetStatus));
        CheckProtocol(dataset);
        observer.DatasetLoaded(dataset);

        var activeProbes = (probes ?? []).Where(p => p.AppliesTo(dataset)).ToArray();
        var cache = new ModelCache(Path.Combine(config.OutputDirectory, ".model-cache"));
        using var runDirectory = RunDirectory.Create(config.OutputDirectory, config.Name, startedAt, runSuffix);
        // One list per detector, filled seed by seed: files and tables list detectors in config order.
        var resultsByDetector = config.Detectors.Select(_ => new List<DetectorResult>()).ToArray();
        foreach (var seed in config.Seeds)
        {
            // A seed's fitted detectors stay loaded until all its detectors ran: an ensemble listed later
            // builds on them (FitContext.FittedDetectors).
            var fitted = new Dictionary<string, IFittedDetector>(StringComparer.Ordinal);
            try
            {
                for (var d = 0; d < config.Detectors.Count; d++)
                {
                    var spec = config.Detectors[d];
                    cancellation.ThrowIfCancellationRequested();
                    var (detectorResult, model) = RunDetector(spec, seed, config, dataset, activeProbes, cache, environment.ToolVersion,
                        fitted, runDirectory, observer, cancellation);
                    fitted[spec.Name] = model;
                    resultsByDetector[d].Add(detectorResult);
                }
            }
            finally
            {
                foreach (var model in fitted.Values)
                {
                    model.Dispose();
                }
            }
        }

        var result = new RunResult(runDirectory.RunId, config, DatasetSummary.Of(dataset),
            resultsByDetector.SelectMany(r => r).ToArray(), startedAt,
            wall.Elapsed, environment);
        var failures = Export(result, dataset, runDirectory.PartialPath);
        runDirectory.Commit();
        return new RunOutcome(result, runDirectory.FinalPath, failures);
    }

    /// <returns>The result, and the fitted model, which the caller disposes.</returns>
    private (DetectorResult Result, IFittedDetector Fitted) RunDetector(DetectorSpec spec, int seed, ExperimentConfig config,
        LabeledDataset dataset, IReadOnlyList<IDetectorProbe> probes, ModelCache cache, string toolVersion,
        IReadOnlyDictionary<string, IFittedDetector> fittedBefore, RunDirectory runDirectory, IRunObserver observer,
        CancellationToken cancellation)
    {
        observer.FitStarted(spec.Name, seed);
        var cacheKey = ModelCache.Key(spec, config.Detectors, seed, dataset.Provenance.ContentHash, toolVersion);
        var cached = reuseModels ? cache.TryLoad(cacheKey, spec.Descriptor) : null;
        var (fitted, fitTime) = cached ?? Fit(spec, seed, dataset, fittedBefore, observer, cancellation);
        try
        {
            if (cached is null)
            {
                cache.Store(cacheKey, fitted, fitTime);
            }

            return (Evaluate(spec, seed, config, dataset, probes, fitted, fitTime, cached is not null, runDirectory, observer, cancellation),
                fitted);
        }
        catch
        {
            fitted.Dispose();
            throw;
        }
    }

    private static DetectorResult Evaluate(DetectorSpec spec, int seed, ExperimentConfig config, LabeledDataset dataset,
        IReadOnlyList<IDetectorProbe> probes, IFittedDetector fitted, TimeSpan fitTime, bool reused, RunDirectory runDirectory,
        IRunObserver observer, CancellationToken cancellation)
    {
        observer.ScoreStarted(spec.Name, seed, dataset.Test.Count);
        var scoreClock = Stopwatch.StartNew();
        var traceScores = fitted.ScoreMany(dataset.Test, cancellation);
        var scoreTime = scoreClock.Elapsed;
        if (traceScores.Count != dataset.Test.Count)
        {
            throw new InvalidOperationException($"Detector '{spec.Name}' returned {traceScores.Count} scores for {dataset.Test.Count} traces.");
        }

        var scored = dataset.Test
            .Select((trace, i) => new ScoredTrace(trace.Id, trace.Label, trace.Family, traceScores[i].Value))
            .ToArray();
        var evaluation = Evaluator.Evaluate(spec.Name, scored, config.Evaluation);

        string? modelDirectory = null;
        if (config.SaveModels)
        {
            var relative = config.Seeds.Count > 1 ? Path.Combine("models", spec.Name, $"seed-{seed}") : Path.Combine("models", spec.Name);
            DetectorRegistry.Save(fitted, runDirectory.PathOf(relative));
            modelDirectory = relative;
        }

        var probeResults = probes.Select(p => p.Probe(spec.Name, seed, fitted, dataset, traceScores))
            .OfType<ProbeResult>()
            .ToArray();
        var result = new DetectorResult(spec.Name, spec.Type, seed, scored, evaluation, fitTime, scoreTime, modelDirectory,
            probeResults, ModelReused: reused);
        observer.DetectorFinished(result);
        return result;
    }

    private static (IFittedDetector Fitted, TimeSpan FitTime) Fit(DetectorSpec spec, int seed, LabeledDataset dataset,
        IReadOnlyDictionary<string, IFittedDetector> fittedBefore, IRunObserver observer, CancellationToken cancellation)
    {
        var progress = new SynchronousProgress<FitProgress>(p => observer.FitProgress(spec.Name, seed, p));
        var clock = Stopwatch.StartNew();
        var fitted = spec.Create().Fit(dataset.Train, new FitContext(seed, progress, cancellation, fittedBefore));
        return (fitted, clock.Elapsed);
    }

    /// <summary>Training data must be normal only: attack traces there would leak labels into fitting.</summary>
    private static void CheckProtocol(LabeledDataset dataset)
    {
        var attack = dataset.Train.FirstOrDefault(t => t.IsAttack);
        if (attack is not null)
        {
            throw new DatasetException($"{attack.Source}: the training split holds an attack trace ({attack.Id}); detectors fit on normal traces only.");
        }

        if (dataset.Train.Count == 0)
        {
            throw new DatasetException($"{dataset.Provenance.Location}: the training split is empty.");
        }
    }

    /// <summary>Runs every exporter; one failing never loses the others' files.</summary>
    private IReadOnlyList<string> Export(RunResult result, LabeledDataset dataset, string directory)
    {
        var failures = new List<string>();
        foreach (var exporter in exporters)
        {
            try
            {
                if (exporter is IDatasetAwareExporter datasetAware)
                {
                    datasetAware.Export(result, dataset, directory);
                }
                else
                {
                    exporter.Export(result, directory);
                }
            }
            catch (Exception e)
            {
                // Not swallowed: the CLI prints every failure and exits non-zero. Catching everything
                // here is what keeps one broken exporter from losing the other files of a long run.
                failures.Add($"{exporter.Name}: {e.GetType().Name}: {e.Message}");
            }
        }

        return failures;
    }
}
