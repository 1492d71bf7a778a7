using SyscallBench.Lstm.Native;
using TorchSharp;

namespace SyscallBench.Lstm.Tests.Native;

public sealed class TorchLoadTests
{
    [Fact]
    public void GivenTheBuildOutput_WhenTorchRunsAnLstmForwardAndBackwardPass_ThenEveryParameterGetsAFiniteGradient()
    {
        // Given: libtorch loads from this test's output folder (on Debian 12 only thanks to the patch).
        // libtorch's generator is global: draw under the lock every seeded user holds, or an LSTM fitted
        // at the same time in another test class stops being reproducible.
        TorchRuntime.EnsureAvailable();
        torch.Tensor input;
        TorchSharp.Modules.LSTM lstm;
        using (TorchGate.Seeded(threads: 0))
        {
            torch.manual_seed(7);
            lstm = torch.nn.LSTM(4, 3, 1, batchFirst: true);
            input = torch.randn(2, 5, 4);
        }

        using var disposeLstm = lstm;
        using var disposeInput = input;

        // When
        var (output, hidden, cell) = lstm.call(input);
        using var loss = output.pow(2).sum();
        loss.backward();

        // Then
        Assert.Equal(new long[] { 2, 5, 3 }, output.shape);
        foreach (var parameter in lstm.parameters())
        {
            using var grad = parameter.grad ?? throw new Xunit.Sdk.XunitException($"no gradient for {parameter.name}");
            Assert.True(grad.isfinite().all().item<bool>());
            Assert.True(grad.abs().sum().item<float>() > 0);
        }

        output.Dispose();
        hidden.Dispose();
        cell.Dispose();
    }

    [Fact]
    public void GivenTheLoadersGlibcxxError_WhenExplained_ThenTheMessageNamesTheCauseAndTheRemedy()
    {
        // Given: TorchSharp's own exception says little; the loader's message (Debian 12, unpatched) says why.
        var failure = new TypeInitializationException("TorchSharp.torch", new NotSupportedException(
            "This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64.\n\nTrace..."));
        const string loader = "libLibTorchSharp.so: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found";

        // When
        var message = TorchRuntime.Explain(failure, loader);

        // Then
        Assert.Contains("GLIBCXX_3.4.32", message, StringComparison.Ordinal);
        Assert.Contains("SyscallBenchPatchLibTorchSharp", message, StringComparison.Ordinal);
        Assert.Contains("Experiments without the LSTM still run", message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAMissingLibtorch_WhenExplained_ThenTheMessageKeepsOnlyTheFirstLineOfEachError()
    {
        // Given
        var failure = new TypeInitializationException("TorchSharp.torch", new NotSupportedException(
            "This application or script uses TorchSharp but doesn't contain a reference to libtorch-cpu-linux-x64.\nTrace from LoadNativeBackend: ..."));

        // When
        var message = TorchRuntime.Explain(failure);

        // Then
        Assert.Contains("libtorch-cpu-*", message, StringComparison.Ordinal);
        Assert.Contains("doesn't contain a reference to libtorch-cpu-linux-x64.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("LoadNativeBackend", message, StringComparison.Ordinal);
    }
}
