using SyscallBench.Core.Config;
using SyscallBench.Core.Detection;
using SyscallBench.Core.Results;
using SyscallBench.Core.Running;
using SyscallBench.Core.Splits;
using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Tests.Running;

public sealed class UnitSchedulerTests
{
    [Fact]
    public void GivenAnAllCoresUnit_WhenScheduled_ThenItNeverRunsBesideAnotherWhileOthersRunInParallel()
    {
        // Given four counting detectors and one that uses all cores, on a scheduler with 3 slots
        var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read("""
            name: scheduler
            dataset: {type: inline}
            detectors: [{name: a, type: counting}, {name: b, type: counting}, {name: x, type: exclusive}, {name: c, type: counting}, {name: d, type: counting}]
            """, "exp.yaml");
        var plan = WorkPlan.Build(config, SplitPlanner.Plan(TestComponents.Inline(4), config.Split, config.LearningCurve));
        var running = new HashSet<string>();
        var gate = new Lock();
        var overlapsWithExclusive = 0;
        var maxConcurrent = 0;
        using var firstTwo = new CountdownEvent(2);

        // When the units run, each taking a moment, a and b waiting for each other
        var results = new UnitScheduler(parallel: 3).Run(plan, (unit, _, _, _) =>
        {
            lock (gate)
            {
                running.Add(unit.Detector.Name);
                maxConcurrent = Math.Max(maxConcurrent, running.Count);
                if (running.Contains("x") && running.Count > 1)
                {
                    overlapsWithExclusive++;
                }
            }

            if (unit.Detector.Name is "a" or "b")
            {
                // a and b can only both get past here if they run at the same time.
                firstTwo.Signal();
                firstTwo.Wait(TimeSpan.FromSeconds(10));
            }

            Thread.Sleep(30);
            lock (gate)
            {
                running.Remove(unit.Detector.Name);
            }

            return new UnitOutcome(Result(unit), null);
        }, CancellationToken.None);

        // Then the counting units overlapped, the all-cores one ran alone, and results keep the plan's order
        Assert.True(firstTwo.IsSet && maxConcurrent >= 2, $"at most {maxConcurrent} units ran at once");
        Assert.True(maxConcurrent <= 3);
        Assert.Equal(0, overlapsWithExclusive);
        Assert.Equal(["a", "b", "x", "c", "d"], results.Select(r => r.Detector));
    }

    [Fact]
    public void GivenAnAllCoresUnitTheRunExempts_WhenScheduled_ThenItRunsBesideAnother()
    {
        // Given an all-cores unit and a counting one on 2 slots, the all-cores unit exempted (its fit runs in a worker process)
        var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read("""
            name: scheduler
            dataset: {type: inline}
            detectors: [{name: x, type: exclusive}, {name: a, type: counting}]
            """, "exp.yaml");
        var plan = WorkPlan.Build(config, SplitPlanner.Plan(TestComponents.Inline(4), config.Split, config.LearningCurve));
        using var both = new CountdownEvent(2);

        // When the units run, each waiting for the other
        new UnitScheduler(parallel: 2, takesEverySlot: unit => unit.UsesAllCores && unit.Detector.Name != "x").Run(plan, (unit, _, _, _) =>
        {
            both.Signal();
            both.Wait(TimeSpan.FromSeconds(10));
            return new UnitOutcome(Result(unit), null);
        }, CancellationToken.None);

        // Then they ran at the same time
        Assert.True(both.IsSet, "the exempted all-cores unit did not run beside the other");
    }

    [Fact]
    public void GivenAUnitThatStartsFirst_WhenScheduled_ThenItStartsBeforeTheUnitsListedBeforeIt()
    {
        // Given two counting units, then an exempted all-cores unit the run starts first (a fit in a worker process), then another, on 2 slots
        var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read("""
            name: scheduler
            dataset: {type: inline}
            detectors: [{name: a, type: counting}, {name: b, type: counting}, {name: x, type: exclusive}, {name: c, type: counting}]
            """, "exp.yaml");
        var plan = WorkPlan.Build(config, SplitPlanner.Plan(TestComponents.Inline(4), config.Split, config.LearningCurve));
        var started = new List<string>();
        var gate = new Lock();
        using var firstTwo = new CountdownEvent(2);

        // When the units run, the first two to start waiting for each other
        var results = new UnitScheduler(parallel: 2, takesEverySlot: unit => unit.UsesAllCores && unit.Detector.Name != "x",
            startsFirst: unit => unit.Detector.Name == "x").Run(plan, (unit, _, _, _) =>
        {
            bool amongFirstTwo;
            lock (gate)
            {
                started.Add(unit.Detector.Name);
                amongFirstTwo = started.Count <= 2;
            }

            if (amongFirstTwo)
            {
                firstTwo.Signal();
                firstTwo.Wait(TimeSpan.FromSeconds(10));
            }

            return new UnitOutcome(Result(unit), null);
        }, CancellationToken.None);

        // Then x and the first counting unit started together, the others after them, and results keep the plan's order
        Assert.Equal(["a", "x"], started.Take(2).Order());
        Assert.Equal(["b", "c"], started.Skip(2));
        Assert.Equal(["a", "b", "x", "c"], results.Select(r => r.Detector));
    }

    [Fact]
    public void GivenAnEnsembleOverAnAllCoresMember_WhenScheduled_ThenItTakesAllSlotsToo()
    {
        // Given an ensemble whose member uses all cores, then two counting detectors, on 2 slots
        var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read("""
            name: scheduler
            dataset: {type: inline}
            detectors: [{name: x, type: exclusive}, {name: a, type: counting}, {name: e, type: ensemble, params: {members: [x, a]}}, {name: c, type: counting}, {name: d, type: counting}]
            """, "exp.yaml");
        var plan = WorkPlan.Build(config, SplitPlanner.Plan(TestComponents.Inline(4), config.Split, config.LearningCurve));
        var running = new HashSet<string>();
        var gate = new Lock();
        var overlaps = new List<string>();

        // When the units run, the ensemble taking long enough for c or d to start beside it if they could
        new UnitScheduler(parallel: 2).Run(plan, (unit, _, keepModel, _) =>
        {
            lock (gate)
            {
                if (running.Count > 0 && (running.Contains("e") || unit.Detector.Name == "e"))
                {
                    overlaps.Add($"{unit.Detector.Name} beside {string.Join(",", running)}");
                }

                running.Add(unit.Detector.Name);
            }

            Thread.Sleep(unit.Detector.Name == "e" ? 200 : 30);
            lock (gate)
            {
                running.Remove(unit.Detector.Name);
            }

            return new UnitOutcome(Result(unit), keepModel ? new NoModel() : null);
        }, CancellationToken.None);

        // Then the ensemble ran alone: its fit and scoring run the all-cores member
        Assert.Empty(overlaps);
    }

    [Fact]
    public void GivenAFailingUnit_WhenScheduled_ThenTheFirstFailureStopsTheRunAndIsRethrown()
    {
        var config = new ExperimentConfigReader(TestComponents.Detectors, TestComponents.Datasets).Read("""
            name: scheduler
            dataset: {type: inline}
            detectors: [{name: a, type: counting}, {name: b, type: counting}, {name: c, type: counting}]
            """, "exp.yaml");
        var plan = WorkPlan.Build(config, SplitPlanner.Plan(TestComponents.Inline(4), config.Split, config.LearningCurve));
        var started = 0;

        var error = Assert.Throws<InvalidOperationException>(() => new UnitScheduler(parallel: 1).Run(plan, (unit, _, _, _) =>
        {
            Interlocked.Increment(ref started);
            return unit.Detector.Name == "a" ? throw new InvalidOperationException("a broke") : new UnitOutcome(Result(unit), null);
        }, CancellationToken.None));

        Assert.Equal("a broke", error.Message);
        Assert.Equal(1, started);
    }

    /// <summary>Stands in for a member's fitted model, which the scheduler hands to the ensemble's unit.</summary>
    private sealed class NoModel : IFittedDetector
    {
        public string Type => "none";

        public TraceScore Score(Trace trace) => throw new NotSupportedException();

        public void Save(string directory) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }

    private static DetectorResult Result(WorkUnit unit) =>
        new(unit.Detector.Name, unit.Detector.Type, unit.Seed, [], null!, TimeSpan.Zero, TimeSpan.Zero, null, [], Split: unit.Split.Name);
}
