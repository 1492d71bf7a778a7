namespace SyscallBench.Lstm.Native;

/// <summary>
/// Who uses libtorch when, in this process. Seeded work (training, benchmarks) draws from libtorch's one
/// global generator in a sequence that must not move, so it runs alone. Running a fitted model (loading,
/// scoring, next-call prediction) keeps nothing it draws, so several models may run at once, as long as they ask
/// for the same thread count: the count is process-wide and decides how sums are split, and so the last
/// bits of a result. That lets the seeds of an experiment, fitted side by side in worker processes, score
/// side by side too, each on its one thread, instead of one after another.
/// </summary>
/// <remarks>
/// Seeded work waiting goes before running work arriving, so a stream of scoring cannot starve a fit.
/// The thread that holds a seeded pass may enter again, seeded or running, without waiting for itself, as
/// it could with the re-entrant <see cref="System.Threading.Lock"/> this replaces.
/// </remarks>
internal static class TorchGate
{
    private static readonly object Sync = new();
    private static int _seededOwner;
    private static int _seededDepth;
    private static int _seededWaiting;
    private static int _running;
    private static int _runningThreads;

    /// <summary>Waits until nothing else uses libtorch, then sets the thread count for the seeded work about to run.</summary>
    public static Pass Seeded(int threads)
    {
        var me = Environment.CurrentManagedThreadId;
        lock (Sync)
        {
            if (_seededDepth > 0 && _seededOwner == me)
            {
                _seededDepth++;
            }
            else
            {
                _seededWaiting++;
                while (_seededDepth > 0 || _running > 0)
                {
                    Monitor.Wait(Sync);
                }

                _seededWaiting--;
                _seededOwner = me;
                _seededDepth = 1;
            }

            TorchRuntime.UseThreads(threads);
        }

        return new Pass(ReleaseSeeded);
    }

    /// <summary>
    /// Waits until no seeded work runs or waits and every model running asks for the same thread count as
    /// this one, then sets it on the calling thread (libtorch keeps part of it per thread).
    /// </summary>
    public static Pass Running(int threads)
    {
        var me = Environment.CurrentManagedThreadId;
        var resolved = TorchRuntime.ResolveThreads(threads);
        lock (Sync)
        {
            if (_seededDepth > 0 && _seededOwner == me)
            {
                _seededDepth++;
                TorchRuntime.UseThreads(threads);
                return new Pass(ReleaseSeeded);
            }

            while (_seededDepth > 0 || _seededWaiting > 0 || (_running > 0 && _runningThreads != resolved))
            {
                Monitor.Wait(Sync);
            }

            _running++;
            _runningThreads = resolved;
            TorchRuntime.UseThreads(threads);
        }

        return new Pass(ReleaseRunning);
    }

    private static void ReleaseSeeded()
    {
        lock (Sync)
        {
            if (--_seededDepth == 0)
            {
                _seededOwner = 0;
                Monitor.PulseAll(Sync);
            }
        }
    }

    private static void ReleaseRunning()
    {
        lock (Sync)
        {
            if (--_running == 0)
            {
                Monitor.PulseAll(Sync);
            }
        }
    }

    /// <summary>Held for the duration of the work; disposing it lets others in.</summary>
    public sealed class Pass(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
