using SyscallBench.Lstm.Model;
using SyscallBench.Lstm.Native;
using SyscallBench.Lstm.Transformer;
using TorchSharp;

namespace SyscallBench.Lstm.Tests.Transformer;

/// <summary>What a call may attend to: its own trace's earlier calls in its chunk and the chunk before, nothing else.</summary>
public sealed class CausalTransformerMaskTests
{
    private const int Chunk = 4;

    [Fact]
    public void GivenTwoTracesPackedInOneLane_WhenTheFirstChanges_ThenTheSecondsLogitsDoNot()
    {
        // Given: lane = [start a b] [start x y z...] with the second trace starting at offset 3
        float[] firstChanged = Logits([[9, 1, 2, 9], [3, 4, 5, 6]], resetAt: 3, chunkIndex: 0);
        float[] firstOriginal = Logits([[9, 7, 8, 9], [3, 4, 5, 6]], resetAt: 3, chunkIndex: 0);

        // Then: positions 3 .. 7 belong to the second trace (chunk 0 offset 3, all of chunk 1)
        Assert.Equal(firstOriginal[(3 * Classes)..], firstChanged[(3 * Classes)..]);
        Assert.NotEqual(firstOriginal[..(3 * Classes)], firstChanged[..(3 * Classes)]);
    }

    [Fact]
    public void GivenOneTraceOverTwoChunks_WhenTheFirstChunksLastCallChanges_ThenTheSecondChunkSeesIt()
    {
        float[] a = Logits([[9, 1, 2, 3], [4, 5, 6, 7]], resetAt: 0, chunkIndex: 0);
        float[] b = Logits([[9, 1, 2, 8], [4, 5, 6, 7]], resetAt: 0, chunkIndex: 0);

        Assert.NotEqual(a[(4 * Classes)..(5 * Classes)], b[(4 * Classes)..(5 * Classes)]);
    }

    [Fact]
    public void GivenOneTraceOverThreeChunks_WhenTheFirstChunkChanges_ThenTheThirdChunkDoesNotSeeIt()
    {
        // Context is the chunk before, not every chunk before: the third chunk's logits ignore the first.
        float[] a = Logits([[9, 1, 2, 3], [4, 5, 6, 7], [1, 2, 3, 4]], resetAt: 0, chunkIndex: 0);
        float[] b = Logits([[9, 8, 8, 8], [4, 5, 6, 7], [1, 2, 3, 4]], resetAt: 0, chunkIndex: 0);

        Assert.Equal(a[(8 * Classes)..], b[(8 * Classes)..]);
        Assert.NotEqual(a[(4 * Classes)..(8 * Classes)], b[(4 * Classes)..(8 * Classes)]);
    }

    private const int Classes = 9;

    /// <summary>Runs the chunks of one lane through a seeded untrained model and returns all logits, flattened.</summary>
    private static float[] Logits(long[][] chunks, int resetAt, int chunkIndex)
    {
        TorchRuntime.EnsureAvailable();
        using (TorchGate.Seeded(1))
        {
            torch.manual_seed(3);
            using var model = new CausalTransformerModel(Classes, new TransformerOptions { EmbeddingSize = 8, Heads = 2, Layers = 2, FeedForwardSize = 16, Dropout = 0, ChunkLength = Chunk });
            model.eval();
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            ModelState? state = null;
            var logits = new List<float>();
            for (var c = 0; c < chunks.Length; c++)
            {
                IReadOnlyList<(int, float[])> resets = c == chunkIndex && resetAt > 0 ? [(resetAt, [0f])] : [];
                var (output, next) = model.Forward(torch.tensor(chunks[c], [1, Chunk]), state, resets);
                logits.AddRange(output.data<float>().ToArray());
                state = next;
            }

            return [.. logits];
        }
    }
}
