using System.Collections.Concurrent;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;

namespace SyscallBench.TestSupport.Detection;

/// <summary>
/// The detectors a test project runs the shared contract over (<see cref="DetectorContractTests{TSubjects}"/>):
/// a registry of its own types, and option values that keep slow ones fast enough for a unit test.
/// </summary>
/// <remarks>Every registered type of the registry is checked, so a newly registered detector is covered without touching the tests.</remarks>
public interface IDetectorContractSubjects
{
    /// <summary>The types under test (with the types they reference, e.g. an ensemble's members).</summary>
    static abstract DetectorRegistry Registry { get; }

    /// <summary>
    /// Per-type option values (YAML names and text, bound like a config), e.g. ["lstm"] = { ["epochs"] = "3" };
    /// "[a, b]" is a list. Types not listed use their defaults.
    /// </summary>
    static abstract IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FastOptions { get; }
}

/// <summary>
/// What the shared detector contract tests run against: the subjects' registry, a small deterministic toy
/// dataset, the fast options, and one fitted model per type shared by the read-only checks.
/// </summary>
public sealed class DetectorContractFixture<TSubjects> : IDisposable
    where TSubjects : IDetectorContractSubjects
{
    /// <summary>The seed every contract fit uses.</summary>
    public const int Seed = 7;

    private readonly ConcurrentDictionary<string, Lazy<IFittedDetector>> _fitted = new(StringComparer.Ordinal);

    public ToyTraces Data { get; } = ToyTraces.Create();

    /// <summary>A new untrained detector of <paramref name="type"/> with defaults plus the fast overrides.</summary>
    public static IDetector CreateDetector(string type)
    {
        var descriptor = TSubjects.Registry.Find(type) ?? throw new InvalidOperationException($"'{type}' is not registered.");
        return descriptor.Create($"contract-{type}", OptionsFor(descriptor));
    }

    /// <summary>
    /// Fits a new model of <paramref name="type"/> on the toy training traces. A detector built on others
    /// (the ensemble) gets the shared fitted models of the types it names, as a run would give it the
    /// detectors listed before it.
    /// </summary>
    public IFittedDetector Fit(string type, int seed = Seed)
    {
        var detector = CreateDetector(type);
        var options = OptionsFor(TSubjects.Registry.Find(type)!);
        var before = options is IReferencesDetectors referencing
            ? referencing.ReferencedDetectors.ToDictionary(member => member, member => Shared(member))
            : null;
        return detector.Fit(Data.Train, new FitContext(seed, FittedDetectors: before));
    }

    /// <summary>One fitted model per type, shared by checks that only score (do not dispose it).</summary>
    public IFittedDetector Shared(string type) =>
        _fitted.GetOrAdd(type, t => new Lazy<IFittedDetector>(() => Fit(t))).Value;

    public void Dispose()
    {
        foreach (var lazy in _fitted.Values.Where(l => l.IsValueCreated))
        {
            lazy.Value.Dispose();
        }
    }

    private static IOptions OptionsFor(DetectorDescriptor descriptor)
    {
        if (!TSubjects.FastOptions.TryGetValue(descriptor.Type, out var values))
        {
            return (IOptions)(Activator.CreateInstance(descriptor.OptionsType)
                ?? throw new InvalidOperationException($"{descriptor.OptionsType.Name} has no parameterless constructor."));
        }

        var here = new SourceLocation($"fast options of {typeof(TSubjects).Name}", 0, 0);
        // "a, b" in brackets is a list, as YAML's [a, b] would be.
        ConfigNode Node(string text) => text.StartsWith('[')
            ? new ConfigSequence(text.Trim('[', ']').Split(',').Select(item => (ConfigNode)new ConfigScalar(item.Trim(), here)).ToArray(), here)
            : new ConfigScalar(text, here);
        var mapping = new ConfigMapping(
            values.Select(kv => new ConfigEntry(new ConfigScalar(kv.Key, here), Node(kv.Value))).ToArray(), here);
        var errors = new List<ConfigError>();
        var options = OptionsBinder.Bind(descriptor.OptionsType, mapping, $"fast options of {descriptor.Type}", errors, here);
        return errors.Count == 0 ? options : throw new ConfigException(errors);
    }
}
