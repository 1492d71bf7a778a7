using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Running.Sharding;
using SyscallBench.Core.Splits;

namespace SyscallBench.Core.Running;

/// <summary>
/// The units of a run in their canonical order (split, then seed, then detector in config order), the
/// dependencies between them (an ensemble needs its members' fitted models from the same split and seed),
/// and the slicing of the grid into shards.
/// </summary>
/// <remarks>
/// A seed-independent detector (deterministic, and all its members too) gets one unit per split, at the
/// experiment's first seed, instead of one per seed: refitting it would only repeat the same numbers.
/// Sharding keeps every unit together with the units it depends on (a connected group), and deals the
/// groups out round-robin in canonical order: shard i gets groups i, i+N, i+2N, ... (1-based), so the
/// slices are disjoint, cover the grid, and are the same on every machine.
/// </remarks>
public sealed class WorkPlan
{
    private readonly Dictionary<string, IReadOnlyList<WorkUnit>> _dependencies;

    private WorkPlan(IReadOnlyList<WorkUnit> units, Dictionary<string, IReadOnlyList<WorkUnit>> dependencies)
    {
        Units = units;
        _dependencies = dependencies;
    }

    public IReadOnlyList<WorkUnit> Units { get; }

    /// <summary>The units whose fitted models this unit's fit needs (ensemble members), in config order.</summary>
    public IReadOnlyList<WorkUnit> DependenciesOf(WorkUnit unit) => _dependencies[unit.Key];

    public static WorkPlan Build(ExperimentConfig config, IReadOnlyList<DataSplit> splits)
    {
        var seedDependent = config.Detectors.ToDictionary(d => d.Name,
            d => SelfOrAnyMember(d, config.Detectors, s => !s.Descriptor.IsDeterministic), StringComparer.Ordinal);
        var usesAllCores = config.Detectors.ToDictionary(d => d.Name,
            d => SelfOrAnyMember(d, config.Detectors, s => s.Descriptor.Traits.HasFlag(DetectorTraits.UsesAllCores)), StringComparer.Ordinal);
        var units = new List<WorkUnit>();
        var byKey = new Dictionary<(string Split, string Detector, int Seed), WorkUnit>();
        var dependencies = new Dictionary<string, IReadOnlyList<WorkUnit>>(StringComparer.Ordinal);
        var firstSeed = config.Seeds[0];
        foreach (var split in splits)
        {
            foreach (var seed in config.Seeds)
            {
                foreach (var detector in config.Detectors)
                {
                    if (!seedDependent[detector.Name] && seed != firstSeed)
                    {
                        continue;
                    }

                    var unit = new WorkUnit(split, detector, seed, seedDependent[detector.Name], usesAllCores[detector.Name]);
                    var members = detector.Options is IReferencesDetectors referencing ? referencing.ReferencedDetectors : [];
                    // Members come earlier in config order, and a seed-independent member's unit sits at the
                    // first seed: both are already in byKey.
                    dependencies[unit.Key] = members
                        .Select(m => byKey[(split.Name, m, seedDependent[m] ? seed : firstSeed)])
                        .ToArray();
                    byKey[(split.Name, detector.Name, seed)] = unit;
                    units.Add(unit);
                }
            }
        }

        return new WorkPlan(units, dependencies);
    }

    /// <summary>The units of one shard, in canonical order; dependencies stay in the same shard.</summary>
    public WorkPlan Shard(ShardSpec shard)
    {
        var group = Groups();
        var groupIndex = Units.Select(u => group[u.Key]).Distinct().Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);
        var selected = Units
            .Where(u => groupIndex[group[u.Key]] % shard.Count == shard.Index - 1)
            .ToArray();
        var dependencies = selected.ToDictionary(u => u.Key, u => _dependencies[u.Key], StringComparer.Ordinal);
        return new WorkPlan(selected, dependencies);
    }

    /// <summary>Connected groups of units (union-find over dependency edges), each named by a representative key.</summary>
    private Dictionary<string, string> Groups()
    {
        var parent = Units.ToDictionary(u => u.Key, u => u.Key, StringComparer.Ordinal);

        string Find(string key)
        {
            while (parent[key] != key)
            {
                key = parent[key] = parent[parent[key]];
            }

            return key;
        }

        foreach (var unit in Units)
        {
            foreach (var dependency in _dependencies[unit.Key])
            {
                var (a, b) = (Find(unit.Key), Find(dependency.Key));
                if (a != b)
                {
                    parent[a] = b;
                }
            }
        }

        return Units.ToDictionary(u => u.Key, u => Find(u.Key), StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the detector or any detector it references, transitively, passes the test. A trait of an
    /// ensemble is the union of its members' because its fit and scoring run theirs: a seed-dependent
    /// member makes it seed-dependent, and an all-cores member (the LSTM) makes it use all cores.
    /// </summary>
    private static bool SelfOrAnyMember(DetectorSpec detector, IReadOnlyList<DetectorSpec> all, Func<DetectorSpec, bool> test) =>
        test(detector)
        || (detector.Options is IReferencesDetectors referencing
            && referencing.ReferencedDetectors.Any(m => SelfOrAnyMember(all.First(d => d.Name == m), all, test)));
}
