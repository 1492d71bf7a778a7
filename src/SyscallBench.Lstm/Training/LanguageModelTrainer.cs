using System.Diagnostics;
using System.Globalization;
using SyscallBench.Core.Detection;
using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Scoring;
using TorchSharp;
using static TorchSharp.torch;

namespace SyscallBench.Lstm.Training;

/// <summary>
/// Trains a language model on whole traces, chunk by chunk with the state carried and cut from the gradient
/// between chunks (truncated BPTT for the LSTM; see <see cref="ChunkPlan"/>): Adam with a constant or
/// cosine-annealed learning rate (<see cref="LearningRateSchedule"/>), gradient-norm clipping, early stopping
/// on held-out normals with the best epoch's weights restored.
/// </summary>
internal static class LanguageModelTrainer
{
    public static TrainingSummary Train(CallLanguageModel model, IReadOnlyList<int[]> train, IReadOnlyList<int[]> validation,
        ILanguageModelOptions options, FitContext context, Device device, Random random)
    {
        using var optimizer = torch.optim.Adam(model.parameters(), options.LearningRate);
        var schedule = Schedule(optimizer, options);
        var history = new List<EpochRecord>();
        Dictionary<string, Tensor>? best = null;
        double? bestLoss = null;
        var bestEpoch = 0;
        var epochsWithoutImprovement = 0;
        var trainingTime = Stopwatch.StartNew();
        var lengths = train.Select(t => t.Length).ToArray();
        try
        {
            for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var learningRate = optimizer.ParamGroups.Single().LearningRate;
                var epochTime = Stopwatch.StartNew();
                var plan = ChunkPlan.Build(lengths, options.BatchSize, options.ChunkLength, random);
                var trainLoss = TrainEpoch(model, optimizer, plan, train, options, device, context.Cancellation);
                epochTime.Stop();
                double? validationLoss = validation.Count == 0 ? null : MeanSurprisal(model, validation, options, device);
                var record = new EpochRecord(epoch, trainLoss, validationLoss, epochTime.Elapsed.TotalSeconds,
                    plan.Positions / Math.Max(epochTime.Elapsed.TotalSeconds, 1e-9), learningRate);
                history.Add(record);

                var improved = validationLoss is { } loss && (bestLoss is null || loss < bestLoss.Value - 1e-4);
                if (validationLoss is null || improved)
                {
                    bestLoss = validationLoss;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    if (validationLoss is not null)
                    {
                        Release(best);
                        best = Snapshot(model);
                    }
                }
                else
                {
                    epochsWithoutImprovement++;
                }

                Report(context, record, epoch, options, trainingTime.Elapsed);
                if (epochsWithoutImprovement >= options.Patience)
                {
                    break;
                }

                schedule?.step();
            }

            if (best is not null)
            {
                model.load_state_dict(best);
            }
        }
        finally
        {
            Release(best);
        }

        return new TrainingSummary(train.Count, validation.Count, bestEpoch, bestLoss, history);
    }

    /// <summary>The scheduler that sets each epoch's learning rate; null for a constant one.</summary>
    private static optim.lr_scheduler.LRScheduler? Schedule(optim.Optimizer optimizer, ILanguageModelOptions options) =>
        options.LearningRateSchedule switch
        {
            LearningRateSchedule.Constant => null,
            LearningRateSchedule.Cosine => optim.lr_scheduler.CosineAnnealingLR(optimizer, options.MaxEpochs),
            var other => throw new ArgumentOutOfRangeException(nameof(options), other, "unknown learning-rate schedule"),
        };

    /// <summary>Mean surprisal per call of <paramref name="traces"/> (the validation loss).</summary>
    public static double MeanSurprisal(CallLanguageModel model, IReadOnlyList<int[]> traces, ILanguageModelOptions options, Device device)
    {
        var results = SurprisalScorer.Run(model, traces, options.ScoreBatchSize, options.ChunkLength, device, withRanks: false);
        double sum = 0;
        long count = 0;
        foreach (var result in results)
        {
            foreach (var value in result.Surprisal)
            {
                sum += value;
            }

            count += result.Surprisal.Length;
        }

        return count == 0 ? 0 : sum / count;
    }

    private static double TrainEpoch(CallLanguageModel model, optim.Optimizer optimizer, ChunkPlan plan,
        IReadOnlyList<int[]> train, ILanguageModelOptions options, Device device, CancellationToken cancellation)
    {
        model.train();
        var parameters = model.parameters().ToArray();
        ModelState? state = null;
        double lossSum = 0;
        long positions = 0;
        try
        {
            foreach (var step in plan.Steps)
            {
                cancellation.ThrowIfCancellationRequested();
                var batch = StepBatch.Build(step, train, model.StartToken);
                using var scope = torch.NewDisposeScope();
                var inputs = torch.tensor(batch.Inputs, [batch.Lanes, batch.Width], device: device);
                var targets = torch.tensor(batch.Targets, [batch.Lanes * batch.Width], device: device);
                var (logits, newState) = model.Forward(inputs, state?.ForLanes(batch.Lanes), batch.Resets);
                var loss = nn.functional.cross_entropy(logits.reshape(-1, model.VocabularyCount), targets,
                    ignore_index: StepBatch.Padding);
                optimizer.zero_grad();
                loss.backward();
                nn.utils.clip_grad_norm_(parameters, options.GradientClip);
                optimizer.step();

                lossSum += loss.item<float>() * batch.Positions;
                positions += batch.Positions;

                // Truncated BPTT: the state goes on, its gradient history does not.
                state?.Dispose();
                state = newState.Keep();
            }
        }
        finally
        {
            state?.Dispose();
        }

        return positions == 0 ? 0 : lossSum / positions;
    }

    private static Dictionary<string, Tensor> Snapshot(CallLanguageModel model)
    {
        using var noGrad = torch.no_grad();
        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
    }

    private static void Release(Dictionary<string, Tensor>? snapshot)
    {
        foreach (var tensor in snapshot?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }
    }

    private static void Report(FitContext context, EpochRecord record, int epoch, ILanguageModelOptions options, TimeSpan elapsed)
    {
        var remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds / epoch * (options.MaxEpochs - epoch));
        var validation = record.ValidationLoss is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
        context.Report((double)epoch / options.MaxEpochs, string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch}/{options.MaxEpochs}: train loss {record.TrainLoss:F4}, val loss {validation}, learning rate {record.LearningRate:G3}, "
            + $"{record.SyscallsPerSecond:F0} syscalls/s, ETA <= {(int)remaining.TotalMinutes}:{remaining.Seconds:D2}"));
    }
}
