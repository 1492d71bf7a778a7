namespace SyscallBench.Core.Evaluation;

/// <summary>
/// Groups of identical test traces of one label (clusters), by trace id, for the cluster bootstrap. A trace
/// listed in no group is a cluster of its own.
/// </summary>
/// <remarks>
/// Identical traces are not independent observations: ADFA-LD's test normals hold one 343-call trace 968
/// times. A bootstrap that draws traces one by one treats each copy as new evidence and gives intervals that
/// are too narrow; drawing whole clusters (Field and Welsh 2007, "Bootstrapping clustered data", J. R. Stat.
/// Soc. B 69(3)) keeps the copies together, as they would be in a new sample of the same processes.
/// </remarks>
public sealed class TraceClusters
{
    private readonly Dictionary<string, int> _clusterOf = new(StringComparer.Ordinal);

    /// <param name="groups">Each group: the ids of identical traces that share a label.</param>
    public TraceClusters(IEnumerable<IReadOnlyList<string>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var cluster = 0;
        foreach (var group in groups)
        {
            foreach (var id in group)
            {
                _clusterOf[id] = cluster;
            }

            cluster++;
        }
    }

    public static TraceClusters None { get; } = new([]);

    /// <summary>True when two of <paramref name="traceIds"/> are in one cluster: only then does the cluster bootstrap differ.</summary>
    public bool HasDuplicatesAmong(IEnumerable<string> traceIds)
    {
        var seen = new HashSet<int>();
        return traceIds.Any(id => _clusterOf.TryGetValue(id, out var cluster) && !seen.Add(cluster));
    }

    /// <summary>The bootstrap unit <paramref name="requested"/> resolves to for these test traces.</summary>
    public BootstrapUnit Resolve(BootstrapUnit requested, IEnumerable<string> traceIds) => requested switch
    {
        BootstrapUnit.Auto => HasDuplicatesAmong(traceIds) ? BootstrapUnit.Cluster : BootstrapUnit.Trace,
        _ => requested,
    };

    /// <summary>
    /// The positions of <paramref name="orderedIds"/> grouped by cluster, clusters in the order of their first
    /// member (so the draws depend only on that order, not on how the groups were listed).
    /// </summary>
    public int[][] PositionsByCluster(IReadOnlyList<string> orderedIds)
    {
        var clusters = new List<List<int>>();
        var indexOf = new Dictionary<int, int>();
        for (var position = 0; position < orderedIds.Count; position++)
        {
            if (_clusterOf.TryGetValue(orderedIds[position], out var cluster))
            {
                if (!indexOf.TryGetValue(cluster, out var index))
                {
                    indexOf[cluster] = index = clusters.Count;
                    clusters.Add([]);
                }

                clusters[index].Add(position);
            }
            else
            {
                clusters.Add([position]);
            }
        }

        return clusters.Select(c => c.ToArray()).ToArray();
    }
}
