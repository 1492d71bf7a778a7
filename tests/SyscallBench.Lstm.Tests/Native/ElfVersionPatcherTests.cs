using SyscallBench.Build;
using SyscallBench.Lstm.Tests.Support;

namespace SyscallBench.Lstm.Tests.Native;

/// <summary>The build's ELF patch, checked on the library this test project actually loads.</summary>
public sealed class ElfVersionPatcherTests
{
    private static readonly string NativeFolder = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");
    private static readonly string OutputLibrary = Path.Combine(NativeFolder, "libLibTorchSharp.so");

    [LinuxFact]
    public void GivenTheLibraryInTheBuildOutput_WhenPatchedAgain_ThenNothingChanges()
    {
        // Given: the copy the build patched.
        var bytes = File.ReadAllBytes(OutputLibrary);
        var before = (byte[])bytes.Clone();

        // When
        var outcome = Patch(bytes);

        // Then: the build already relaxed the requirement, and patching is idempotent.
        Assert.Equal(ElfVersionPatcher.Outcome.AlreadyPatched, outcome);
        Assert.Equal(before, bytes);
    }

    [TorchSharpPackageFact]
    public void GivenTheOriginalLibraryOfTheTorchSharpPackage_WhenPatched_ThenExactlyTheVersionFlagAndTheSymbolVersionChange()
    {
        // Given: the unpatched library in the package, where the build took it from (and only read it).
        var bytes = File.ReadAllBytes(TorchSharpPackageFactAttribute.OriginalLinuxLibrary()!);
        var pristine = (byte[])bytes.Clone();

        // When
        var outcome = Patch(bytes);

        // Then: two bytes change (VER_FLG_WEAK in the Vernaux flags, versym index 18 -> 1), giving the output copy.
        Assert.Equal(ElfVersionPatcher.Outcome.Patched, outcome);
        var changed = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != pristine[i]).ToArray();
        Assert.Equal(2, changed.Length);
        Assert.Equal(File.ReadAllBytes(OutputLibrary), bytes);
        Assert.Equal(ElfVersionPatcher.Outcome.AlreadyPatched, Patch(bytes));
    }

    [LinuxFact]
    public void GivenALibraryThatDoesNotNeedTheVersion_WhenPatched_ThenItIsLeftAlone()
    {
        // Given: libc10.so needs no GLIBCXX_3.4.32.
        var bytes = File.ReadAllBytes(Path.Combine(NativeFolder, "libc10.so"));
        var before = (byte[])bytes.Clone();

        // When
        var outcome = Patch(bytes);

        // Then
        Assert.Equal(ElfVersionPatcher.Outcome.NotRequired, outcome);
        Assert.Equal(before, bytes);
    }

    [Fact]
    public void GivenBytesThatAreNotAnElfFile_WhenPatched_ThenNothingChanges()
    {
        // Given
        var bytes = "MZ not an ELF file, but long enough to have a header of sixty-four bytes....."u8.ToArray();
        var before = (byte[])bytes.Clone();

        // When
        var outcome = Patch(bytes);

        // Then
        Assert.Equal(ElfVersionPatcher.Outcome.NotApplicable, outcome);
        Assert.Equal(before, bytes);
    }

    private static ElfVersionPatcher.Outcome Patch(byte[] bytes) =>
        ElfVersionPatcher.Patch(bytes, ElfVersionPatcher.LibStdCxx, ElfVersionPatcher.Glibcxx3432,
            ElfVersionPatcher.IosBaseLibraryInit, out _);
}
