using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.Ensemble;

/// <summary>
/// `ensemble`: combines the trace scores of detectors fitted earlier in the same experiment.
/// </summary>
/// <remarks>
/// Fitting scores the training normals with every member (never test data) to calibrate it:
/// robust (Kim et al. 2016, "LSTM-based system-call language modeling and robust ensemble method for
/// designing host-based intrusion detection systems", arXiv:1611.01726): score = sum_i LeakyReLU((s_i - b_i) / sd_i)
/// with b_i the threshold_quantile of member i's training-normal scores; Kim et al. combine LSTMs of one
/// scale, and dividing by each member's training-normal standard deviation sd_i is our adaptation so
/// members of different scales (STIDE rates, LSTM nats, SVM margins) weigh alike.
/// mean_z: mean_i (s_i - mean_i) / sd_i. rank_mean: mean_i of the mid-rank percentile of s_i among member
/// i's training-normal scores (every score above the training maximum is 1, so rank_mean cannot order
/// traces that all members find more anomalous than any training trace).
/// The members are fitted and owned by the run; a saved ensemble holds copies of them and loads them
/// back through the detector registry.
/// </remarks>
public sealed class EnsembleDetector(string name, EnsembleOptions options) : IDetector
{
    public const string TypeName = "ensemble";

    public string Name => name;

    public string Type => TypeName;

    public IFittedDetector Fit(IReadOnlyList<Trace> normalTraces, FitContext context)
    {
        var available = context.FittedDetectors ?? new Dictionary<string, IFittedDetector>();
        var members = options.Members.Select(member => available.TryGetValue(member, out var fitted)
                ? (Name: member, Fitted: fitted)
                : throw new SyscallBenchException($"ensemble '{name}': member '{member}' was not fitted before it; list it earlier in the experiment."))
            .ToArray();
        var calibrations = members
            .Select((m, i) =>
            {
                context.Report((double)i / members.Length, $"scoring training normals with {m.Name}");
                var scores = m.Fitted.ScoreValues(normalTraces, context.Cancellation).ToArray();
                return MemberCalibration.From(m.Name, scores, options.ThresholdQuantile);
            })
            .ToArray();
        return new FittedEnsemble(options, members.Select(m => m.Fitted).ToArray(), calibrations, ownsMembers: false);
    }

    /// <summary>
    /// The registry line. Loading a saved ensemble loads its members, so the descriptor needs the full
    /// registry, which exists only once every project's detectors are composed (the CLI's catalog).
    /// </summary>
    public static DetectorDescriptor Descriptor(Func<DetectorRegistry> registry) =>
        DetectorDescriptor.Create<EnsembleOptions>(TypeName,
            "Combines earlier detectors' scores: robust leaky-ReLU sum (Kim et al. 2016), mean z-score or mean rank.",
            (detectorName, ensembleOptions) => new EnsembleDetector(detectorName, ensembleOptions),
            directory => FittedEnsemble.Load(directory, registry()),
            // Calibration reads the members' training scores only, never the seed: an ensemble of
            // deterministic members is deterministic (the runner checks the members, see WorkPlan).
            DetectorTraits.Deterministic);
}
