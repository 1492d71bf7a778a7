using System.Collections.Concurrent;
using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Traces;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// What the shared detector contract tests run against: the registry under test, a small deterministic
/// toy dataset, per-type option overrides that keep slow detectors fast, and one fitted model per type
/// shared by the read-only checks.
/// </summary>
public sealed class DetectorContractFixture : IDisposable
{
    /// <summary>The seed every contract fit uses.</summary>
    public const int Seed = 7;

    /// <summary>
    /// The registry whose every detector must honour the contract: the full CLI registry (Core, ML.NET
    /// and LSTM detectors), so a newly registered detector is covered without touching this file.
    /// </summary>
    public static DetectorRegistry Registry => DetectorCatalog.Detectors;

    /// <summary>
    /// Per-type option values (YAML names and text, bound like a config) that make a detector fast
    /// enough for a unit test, e.g. ["lstm"] = { ["epochs"] = "3", ["hidden_size"] = "16" }.
    /// Types not listed use their defaults.
    /// </summary>
    private static readonly Dictionary<string, Dictionary<string, string>> FastOptions = new(StringComparer.Ordinal)
    {
        ["lstm"] = new(StringComparer.Ordinal) { ["embedding_size"] = "16", ["hidden_size"] = "32", ["max_epochs"] = "20", ["dropout"] = "0", ["threads"] = "1" },
        ["transformer"] = new(StringComparer.Ordinal)
        {
            ["embedding_size"] = "16", ["heads"] = "2", ["layers"] = "1", ["feed_forward_size"] = "32", ["chunk_length"] = "16",
            ["learning_rate"] = "0.01", ["max_epochs"] = "20", ["dropout"] = "0", ["threads"] = "1",
        },
        // Members are detector names; here every type's shared model goes by its type name.
        ["ensemble"] = new(StringComparer.Ordinal) { ["members"] = "[stide, ngram]" },
    };

    private readonly ConcurrentDictionary<string, Lazy<IFittedDetector>> _fitted = new(StringComparer.Ordinal);

    public static TheoryData<string> Types => new(Registry.Types);

    public ToyTraces Data { get; } = ToyTraces.Create();

    /// <summary>A new untrained detector of <paramref name="type"/> with defaults plus the fast overrides.</summary>
    public static IDetector CreateDetector(string type)
    {
        var descriptor = Registry.Find(type) ?? throw new InvalidOperationException($"'{type}' is not registered.");
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
        var options = OptionsFor(Registry.Find(type)!);
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
        if (!FastOptions.TryGetValue(descriptor.Type, out var values))
        {
            return (IOptions)(Activator.CreateInstance(descriptor.OptionsType)
                ?? throw new InvalidOperationException($"{descriptor.OptionsType.Name} has no parameterless constructor."));
        }

        var here = new SourceLocation(nameof(DetectorContractFixture), 0, 0);
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

/// <summary>
/// A tiny deterministic syscall world: traces are chains of a few normal "routines" with small
/// variations (repeat counts, an optional call), so every detector can learn it from a few dozen traces.
/// Syscalls 300 and above never occur in normal traces.
/// </summary>
public sealed record ToyTraces(IReadOnlyList<Trace> Train, IReadOnlyList<Trace> TestNormal, Trace PlantedAnomaly)
{
    /// <summary>A run of syscalls no normal trace ever makes.</summary>
    public static readonly int[] ForeignCalls = [301, 302, 303, 304, 305, 306, 307, 308, 309, 310, 311, 312, 313, 314, 315, 316];

    public static ToyTraces Create()
    {
        var train = Enumerable.Range(0, 60).Select(i => Normal($"train-{i}", new Random(1000 + i))).ToArray();
        var test = Enumerable.Range(0, 30).Select(i => Normal($"test-{i}", new Random(5000 + i))).ToArray();

        // The anomaly is a normal-looking trace with a foreign run planted in the middle.
        var host = Normal("host", new Random(9000)).Calls;
        var middle = host.Length / 2;
        int[] planted = [.. host[..middle], .. ForeignCalls, .. host[middle..]];
        return new ToyTraces(train, test, Trace.Attack("planted", planted, "Planted"));
    }

    private static Trace Normal(string id, Random random)
    {
        var calls = new List<int>();
        var routines = random.Next(8, 14);
        for (var r = 0; r < routines; r++)
        {
            switch (random.Next(4))
            {
                case 0: // open, read x1..3, close
                    calls.Add(5);
                    calls.AddRange(Enumerable.Repeat(3, random.Next(1, 4)));
                    calls.Add(6);
                    break;
                case 1: // stat, open, mmap, close
                    calls.AddRange([195, 5, 192, 6]);
                    break;
                case 2: // brk, optionally gettimeofday, write x1..2
                    calls.Add(45);
                    if (random.Next(2) == 0)
                    {
                        calls.Add(78);
                    }

                    calls.AddRange(Enumerable.Repeat(4, random.Next(1, 3)));
                    break;
                default: // select, recv, send
                    calls.AddRange([142, 3, 4]);
                    break;
            }
        }

        return Trace.Normal(id, [.. calls]);
    }
}
