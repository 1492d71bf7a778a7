using System.Text.Json;
using SyscallBench.Core.Config;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Detection.Ensemble;

/// <summary>A fitted ensemble: its members, their calibrations, and the combination rule.</summary>
public sealed class FittedEnsemble : IFittedDetector
{
    private const string ConfigFile = "ensemble.json";
    private readonly EnsembleOptions _options;
    private readonly IFittedDetector[] _members;
    private readonly MemberCalibration[] _calibrations;
    private readonly bool _ownsMembers;
    private bool _disposed;

    internal FittedEnsemble(EnsembleOptions options, IFittedDetector[] members, MemberCalibration[] calibrations, bool ownsMembers)
    {
        _options = options;
        _members = members;
        _calibrations = calibrations;
        _ownsMembers = ownsMembers;
    }

    public string Type => EnsembleDetector.TypeName;

    public IReadOnlyList<MemberCalibration> Calibrations => _calibrations;

    public TraceScore Score(Trace trace)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new TraceScore(Combine(_members.Select(m => m.Score(trace).Value).ToArray()));
    }

    /// <summary>Each member scores the whole batch its own (possibly batched) way; then the scores are combined.</summary>
    public IReadOnlyList<TraceScore> ScoreMany(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return ScoreValues(traces, cancellation).Select(value => new TraceScore(value)).ToArray();
    }

    /// <summary>As <see cref="ScoreMany"/>: an ensemble has no position scores, and its members are asked for none.</summary>
    public IReadOnlyList<double> ScoreValues(IReadOnlyList<Trace> traces, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var memberScores = _members.Select(m => m.ScoreValues(traces, cancellation)).ToArray();
        return Enumerable.Range(0, traces.Count)
            .Select(t => Combine(memberScores.Select(scores => scores[t]).ToArray()))
            .ToArray();
    }

    internal double Combine(double[] scores) => _options.Method switch
    {
        EnsembleMethod.Robust => scores.Select((s, i) => LeakyRelu((s - _calibrations[i].Threshold) / _calibrations[i].Scale)).Sum(),
        EnsembleMethod.MeanZ => scores.Select((s, i) => (s - _calibrations[i].Mean) / _calibrations[i].Scale).Average(),
        EnsembleMethod.RankMean => scores.Select((s, i) => _calibrations[i].Percentile(s)).Average(),
        _ => throw new InvalidOperationException($"Unknown ensemble method {_options.Method}."),
    };

    private double LeakyRelu(double x) => x >= 0 ? x : _options.LeakySlope * x;

    /// <summary>ensemble.json (options and calibrations) plus each member saved in member-&lt;i&gt;/.</summary>
    public void Save(string directory)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var i = 0; i < _members.Length; i++)
        {
            DetectorRegistry.Save(_members[i], Path.Combine(directory, $"member-{i}"));
        }

        var saved = new SavedEnsemble(OptionsSchema.FormatValue(_options.Method), _options.ThresholdQuantile, _options.LeakySlope, _calibrations);
        File.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(saved));
    }

    public static FittedEnsemble Load(string directory, DetectorRegistry registry)
    {
        var path = Path.Combine(directory, ConfigFile);
        SavedEnsemble saved;
        try
        {
            saved = JsonSerializer.Deserialize<SavedEnsemble>(File.ReadAllText(path))
                ?? throw new SyscallBenchException($"{path}: empty ensemble file.");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new SyscallBenchException($"{path}: not a saved ensemble ({e.Message}).", e);
        }

        if (saved.Method is null || saved.Calibrations is null || saved.Calibrations.Any(c => c?.Member is null || c.SortedTrainingScores is null))
        {
            throw new SyscallBenchException($"{path}: not a saved ensemble (Method and Calibrations with each member's name and training scores are needed).");
        }

        var methods = Enum.GetValues<EnsembleMethod>().Where(m => OptionsSchema.FormatValue(m) == saved.Method).ToArray();
        var method = methods.Length == 1 ? methods[0] : throw new SyscallBenchException($"{path}: unknown ensemble method '{saved.Method}'.");
        var options = new EnsembleOptions
        {
            Members = saved.Calibrations.Select(c => c.Member).ToArray(),
            Method = method,
            ThresholdQuantile = saved.ThresholdQuantile,
            LeakySlope = saved.LeakySlope,
        };
        OptionsBinder.ThrowIfInvalid(options, path);
        var members = new List<IFittedDetector>();
        try
        {
            for (var i = 0; i < saved.Calibrations.Length; i++)
            {
                members.Add(registry.Load(Path.Combine(directory, $"member-{i}")));
            }
        }
        catch
        {
            members.ForEach(m => m.Dispose());
            throw;
        }

        return new FittedEnsemble(options, members.ToArray(), saved.Calibrations, ownsMembers: true);
    }

    /// <summary>Members fitted by the run are the run's to dispose; loaded members are ours.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_ownsMembers)
        {
            foreach (var member in _members)
            {
                member.Dispose();
            }
        }
    }

    private sealed record SavedEnsemble(string Method, double ThresholdQuantile, double LeakySlope, MemberCalibration[] Calibrations);
}
