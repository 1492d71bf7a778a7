using FsCheck.Fluent;
using SyscallBench.Tests.Fuzzing;
using SyscallBench.TestSupport.Detection;

namespace SyscallBench.Cli.Tests;

/// <summary>
/// Random mutations of every file of every registered detector's saved model (beside the fixed changes of
/// <see cref="TamperedModelTests"/>): loading and scoring give a located error or work, never a crash.
/// </summary>
public sealed class ModelFileFuzzTests(DetectorContractFixture<AllDetectorsContractSubjects> fixture) : IClassFixture<DetectorContractFixture<AllDetectorsContractSubjects>>
{
    public static TheoryData<string> Types => AllDetectorsContractSubjects.Types;

    [Theory]
    [MemberData(nameof(Types))]
    public void GivenRandomMutationsOfEachFileOfASavedModel_WhenLoadedAndScored_ThenOnlyLocatedErrorsComeOut(string type)
    {
        // Given a saved model of the type
        using var saved = new SavedModel(fixture.Shared(type));
        var inputs =
            from file in Gen.Elements(saved.Files.ToArray())
            from bytes in Fuzz.Mutations(File.ReadAllBytes(Path.Combine(saved.Directory, file)))
            select (File: file, Bytes: bytes);

        // When one file is replaced by a mutation of itself, Then loading and scoring fail only as a located error
        Fuzz.Check(inputs, input => saved.Check(fixture, input.File, $"{input.File} mutated", _ => input.Bytes), normalCases: 60);
    }
}
