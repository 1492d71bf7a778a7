using System.Runtime.ExceptionServices;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Results;

namespace SyscallBench.Core.Running;

/// <summary>What running one unit produced: its result, and its fitted model when a later unit needs it.</summary>
public sealed record UnitOutcome(DetectorResult Result, IFittedDetector? Fitted);

/// <summary>
/// Runs a plan's units, at most <c>parallel</c> slots busy at once, each unit after the units it depends on.
/// </summary>
/// <remarks>
/// The calling thread is the only one that decides what starts: it walks the queue (the units in canonical
/// order, those the run says start first moved ahead) and starts the first one whose dependencies are done
/// and whose slots are free, else waits for a unit to finish. With one slot that is exactly the sequential
/// order. A unit of a detector with <see cref="DetectorTraits.UsesAllCores"/> (the LSTM: libtorch's
/// process-wide thread pool), or of an ensemble over one (<see cref="WorkUnit.UsesAllCores"/>: its fit and
/// scoring run the member), takes every slot, so it runs alone and never beside CPU-bound units; the head of
/// the queue is never skipped, so it cannot starve either. A unit the run exempts takes one slot (an LSTM
/// whose fit runs in a worker process: <see cref="ExperimentRunner.FitsInWorker"/>), and the run starts
/// those first: they are the long ones (minutes against the others' seconds), and one queued behind the
/// short units would start, and end, that much later (longest first, as in LPT scheduling). Each unit
/// computes with its own seed and inputs only, which is why results do not depend on the degree of
/// parallelism or the order. A fitted model stays loaded while units depending on it have not finished, and
/// is disposed afterwards. The first failure cancels the other units, waits for them, and is rethrown.
/// </remarks>
/// <param name="parallel">Slots: units at once.</param>
/// <param name="takesEverySlot">Which units run alone; by default those that use all cores
/// (<see cref="WorkUnit.UsesAllCores"/>). The runner exempts units whose fit runs in a worker process.</param>
/// <param name="startsFirst">Units that go before the others in the queue (in canonical order among themselves); by
/// default none. The runner names the units whose fit runs in a worker process.</param>
public sealed class UnitScheduler(int parallel, Func<WorkUnit, bool>? takesEverySlot = null, Func<WorkUnit, bool>? startsFirst = null)
{
    private readonly Func<WorkUnit, bool> _takesEverySlot = takesEverySlot ?? (unit => unit.UsesAllCores);
    private readonly Func<WorkUnit, bool> _startsFirst = startsFirst ?? (_ => false);

    /// <returns>The units' results, in the plan's canonical order.</returns>
    public IReadOnlyList<DetectorResult> Run(WorkPlan plan,
        Func<WorkUnit, IReadOnlyDictionary<string, IFittedDetector>, bool, CancellationToken, UnitOutcome> runUnit,
        CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var units = plan.Units;
        var indexOf = units.Select((unit, i) => (unit.Key, i)).ToDictionary(p => p.Key, p => p.i, StringComparer.Ordinal);
        var dependents = units.ToDictionary(u => u.Key, _ => 0, StringComparer.Ordinal);
        foreach (var dependency in units.SelectMany(plan.DependenciesOf))
        {
            dependents[dependency.Key]++;
        }

        var results = new DetectorResult?[units.Count];
        var fitted = new Dictionary<string, IFittedDetector>(StringComparer.Ordinal);
        var running = new Dictionary<Task<UnitOutcome>, (int Index, int Slots)>();
        // OrderBy is stable: canonical order within each group.
        var pending = Enumerable.Range(0, units.Count).OrderBy(i => _startsFirst(units[i]) ? 0 : 1).ToList();
        var freeSlots = parallel;
        Exception? failure = null;
        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                if (failure is null && TryStartNext())
                {
                    continue;
                }

                if (running.Count == 0)
                {
                    break; // failed: nothing more starts
                }

                var done = Task.WhenAny(running.Keys).GetAwaiter().GetResult();
                var (index, slots) = running[done];
                running.Remove(done);
                freeSlots += slots;
                if (done.IsFaulted || done.IsCanceled)
                {
                    failure ??= done.Exception?.InnerException ?? new OperationCanceledException(stop.Token);
                    stop.Cancel();
                    continue;
                }

                Finish(index, done.Result);
            }
        }
        finally
        {
            foreach (var model in fitted.Values)
            {
                model.Dispose();
            }
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return results.Select(r => r!).ToArray();

        bool TryStartNext()
        {
            // The first pending unit whose dependencies finished; never overtake it for slots.
            var position = pending.FindIndex(i => plan.DependenciesOf(units[i]).All(d => results[indexOf[d.Key]] is not null));
            if (position < 0)
            {
                return false;
            }

            var index = pending[position];
            var unit = units[index];
            var slots = _takesEverySlot(unit) ? parallel : 1;
            if (slots > freeSlots)
            {
                return false;
            }

            pending.RemoveAt(position);
            freeSlots -= slots;
            var members = plan.DependenciesOf(unit).ToDictionary(d => d.Detector.Name, d => fitted[d.Key], StringComparer.Ordinal);
            var keepModel = dependents[unit.Key] > 0;
            var token = stop.Token;
            // A thread of its own (LongRunning): units take seconds to minutes, and must not wait for
            // thread-pool threads that callers (test runners, the progress display) may be holding.
            var task = Task.Factory.StartNew(() => runUnit(unit, members, keepModel, token), token,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            running[task] = (index, slots);
            return true;
        }

        void Finish(int index, UnitOutcome outcome)
        {
            var unit = units[index];
            results[index] = outcome.Result;
            if (outcome.Fitted is not null)
            {
                if (dependents[unit.Key] > 0)
                {
                    fitted[unit.Key] = outcome.Fitted;
                }
                else
                {
                    outcome.Fitted.Dispose();
                }
            }

            foreach (var dependency in plan.DependenciesOf(unit))
            {
                if (--dependents[dependency.Key] == 0 && fitted.Remove(dependency.Key, out var model))
                {
                    model.Dispose();
                }
            }
        }
    }
}
