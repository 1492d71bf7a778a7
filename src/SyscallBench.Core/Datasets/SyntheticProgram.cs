namespace SyscallBench.Core.Datasets;

/// <summary>One step of a program's path: a routine index, or the rare run with its length.</summary>
internal readonly record struct RoutineStep(int Routine, int RunLength = 0);

/// <summary>
/// A synthetic "program": a probabilistic automaton whose states are short syscall routines (with optional
/// calls, so routines branch), with a sparse successor graph (loops and branches), a rare routine that
/// repeats one rare-but-known call a few times (entered only from its host routine, and followed by one of
/// the host's successors, so a longer run keeps every short window known), and a tiny chance of jumping anywhere (so even normal
/// test traces occasionally show windows never seen in training, as real programs do).
/// </summary>
internal sealed class SyntheticProgram
{
    /// <summary>The dynamic loader's start-up, shared by all programs (execve, brk, access, mmap2, ...).</summary>
    private static readonly int[] LoaderStartup = [11, 45, 33, 192, 33, 5, 197, 192, 6];

    /// <summary>Loading one shared library: open, read, fstat64, mmap2 x2, mprotect, close.</summary>
    private static readonly int[] LibraryLoad = [5, 3, 197, 192, 192, 125, 6];

    /// <summary>After the libraries: set_thread_area, mprotect, munmap, brk.</summary>
    private static readonly int[] StartupTail = [243, 125, 91, 45];

    /// <summary>close, exit_group.</summary>
    private static readonly int[] Exit = [6, 252];

    /// <summary>Probability that the rare routine's host routine is followed by the rare routine.</summary>
    private const double RareRoutineProbability = 0.015;

    /// <summary>Probability of a jump to a uniformly chosen routine, ignoring the successor graph.</summary>
    private const double JumpProbability = 0.004;

    public const int MinRareRun = 3;
    public const int MaxRareRun = 12;

    private readonly (int Call, bool Optional)[][] _routines;
    private readonly int[][] _successors;
    private readonly double[][] _successorWeights;

    private SyntheticProgram(string name, int[] startup, (int Call, bool Optional)[][] routines, int[][] successors,
        double[][] successorWeights, int rareCall, int rareHost)
    {
        RareHost = rareHost;
        Name = name;
        Startup = startup;
        _routines = routines;
        _successors = successors;
        _successorWeights = successorWeights;
        RareCall = rareCall;
        Alphabet = startup.Concat(routines.SelectMany(r => r.Select(c => c.Call))).Append(rareCall).Concat(Exit)
            .Distinct().Order().ToArray();
    }

    public string Name { get; }

    public int[] Startup { get; }

    /// <summary>The rare-but-known call that the rare routine repeats.</summary>
    public int RareCall { get; }

    /// <summary>Every call this program can make.</summary>
    public int[] Alphabet { get; }

    public int RoutineCount => _routines.Length;

    /// <summary>The one routine after which the rare routine can occur.</summary>
    public int RareHost { get; }

    /// <summary>Index of the rare routine in a path (one past the ordinary routines).</summary>
    public int RareRoutine => _routines.Length;

    /// <summary>Builds a random program over <paramref name="pool"/> (calls the program may use besides start-up and exit).</summary>
    public static SyntheticProgram Create(string name, Random random, int[] pool)
    {
        var shuffled = pool.ToArray();
        random.Shuffle(shuffled);
        var workingSet = shuffled.Take(random.Next(10, 15)).ToArray();
        var rareCall = shuffled[workingSet.Length];

        var libraries = random.Next(1, 4);
        var startup = LoaderStartup.Concat(Enumerable.Range(0, libraries).SelectMany(_ => LibraryLoad)).Concat(StartupTail).ToArray();

        var routineCount = random.Next(6, 9);
        var routines = new (int Call, bool Optional)[routineCount][];
        for (var r = 0; r < routineCount; r++)
        {
            var length = random.Next(2, 6);
            routines[r] = Enumerable.Range(0, length)
                .Select(i => (workingSet[random.Next(workingSet.Length)], Optional: i > 0 && random.NextDouble() < 0.25))
                .ToArray();
        }

        // A random cycle through all routines keeps the graph strongly connected (every routine, and so the
        // rare routine's host, is reachable); extra successors and self-loops add branches and loops.
        var cycle = Enumerable.Range(0, routineCount).ToArray();
        random.Shuffle(cycle);
        var successors = new int[routineCount][];
        var weights = new double[routineCount][];
        for (var k = 0; k < routineCount; k++)
        {
            var r = cycle[k];
            var next = new HashSet<int> { cycle[(k + 1) % routineCount] };
            if (random.NextDouble() < 0.4)
            {
                next.Add(r);
            }

            var count = next.Count + random.Next(1, 3);
            while (next.Count < Math.Min(count, routineCount))
            {
                next.Add(random.Next(routineCount));
            }

            successors[r] = next.Order().ToArray();
            weights[r] = successors[r].Select(_ => 0.2 + random.NextDouble()).ToArray();
            var total = weights[r].Sum();
            for (var i = 0; i < weights[r].Length; i++)
            {
                weights[r][i] /= total;
            }
        }

        return new SyntheticProgram(name, startup, routines, successors, weights, rareCall, random.Next(routineCount));
    }

    /// <summary>A normal path of routines whose rendering is about <paramref name="targetLength"/> calls long.</summary>
    public List<RoutineStep> NormalPath(Random random, int targetLength)
    {
        var path = new List<RoutineStep>();
        var length = Startup.Length + Exit.Length;
        var current = 0;
        while (length < targetLength)
        {
            var step = current == RareRoutine
                ? new RoutineStep(RareRoutine, random.Next(MinRareRun, MaxRareRun + 1))
                : new RoutineStep(current);
            path.Add(step);
            length += step.Routine == RareRoutine ? step.RunLength : _routines[step.Routine].Length;
            current = NextRoutine(random, current);
        }

        return path;
    }

    /// <summary>A routine chosen ignoring the successor graph (for unusual orders).</summary>
    public int AnyRoutine(Random random) => random.Next(_routines.Length);

    /// <summary>
    /// The calls of a path: start-up, each routine (optional calls decided now), exit. When given,
    /// <paramref name="boundaries"/> receives the call index where each routine starts, for attack insertion.
    /// </summary>
    public List<int> Render(Random random, IReadOnlyList<RoutineStep> path, List<int>? boundaries = null)
    {
        var calls = new List<int>(Startup.Length + path.Count * 4 + Exit.Length);
        calls.AddRange(Startup);
        foreach (var step in path)
        {
            boundaries?.Add(calls.Count);
            if (step.Routine == RareRoutine)
            {
                calls.AddRange(Enumerable.Repeat(RareCall, step.RunLength));
                continue;
            }

            foreach (var (call, optional) in _routines[step.Routine])
            {
                if (!optional || random.NextDouble() < 0.5)
                {
                    calls.Add(call);
                }
            }
        }

        boundaries?.Add(calls.Count);
        calls.AddRange(Exit);
        return calls;
    }

    private int NextRoutine(Random random, int current)
    {
        if (current == RareRoutine)
        {
            return Successor(random, RareHost);
        }

        var u = random.NextDouble();
        if (u < JumpProbability)
        {
            return random.Next(_routines.Length);
        }

        if (current == RareHost && u < JumpProbability + RareRoutineProbability)
        {
            return RareRoutine;
        }

        return Successor(random, current);
    }

    /// <summary>A successor of <paramref name="routine"/> in its graph, by the successor weights.</summary>
    private int Successor(Random random, int routine)
    {
        var pick = random.NextDouble();
        var weights = _successorWeights[routine];
        for (var i = 0; i < weights.Length - 1; i++)
        {
            pick -= weights[i];
            if (pick < 0)
            {
                return _successors[routine][i];
            }
        }

        return _successors[routine][^1];
    }
}
