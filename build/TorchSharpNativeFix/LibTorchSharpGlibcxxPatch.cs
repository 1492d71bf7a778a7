// Makes TorchSharp's libLibTorchSharp.so load on Linux systems whose libstdc++ stops at GLIBCXX_3.4.30
// (Debian 12, Ubuntu 22.04). Compiled twice: by MSBuild's RoslynCodeTaskFactory as the build task (see
// TorchSharpNative.targets), and by the Lstm tests with ELF_PATCHER_WITHOUT_MSBUILD defined, which test
// the patcher alone. RoslynCodeTaskFactory compiles against netstandard 2.0, hence the plain APIs below.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace SyscallBench.Build
{
    /// <summary>
    /// Relaxes one symbol-version requirement of an ELF64 little-endian shared library in place (in memory).
    /// </summary>
    /// <remarks>
    /// libLibTorchSharp.so (TorchSharp 0.107.0) was linked with GCC 13, whose &lt;iostream&gt; references
    /// std::ios_base_library_init() (_ZSt21ios_base_library_initv, version GLIBCXX_3.4.32) as a link-time
    /// anchor that is never called. That one reference makes the dynamic loader demand GLIBCXX_3.4.32,
    /// which older libstdc++ lacks. The patch (1) sets VER_FLG_WEAK on the Vernaux entry of that version in
    /// .gnu.version_r, so a missing version is a warning instead of an error, and (2) sets the anchor
    /// symbol's .gnu.version index to 1 (global, unversioned), so it binds to any definition. Where the
    /// version exists the library behaves as before. The patch refuses (changes nothing) when any other
    /// symbol needs that version, because those calls would then be unresolved at run time.
    /// </remarks>
    public static class ElfVersionPatcher
    {
        public const string LibStdCxx = "libstdc++.so.6";
        public const string Glibcxx3432 = "GLIBCXX_3.4.32";
        public const string IosBaseLibraryInit = "_ZSt21ios_base_library_initv";

        private const uint ShtDynSym = 11;
        private const uint ShtGnuVerNeed = 0x6ffffffe;
        private const uint ShtGnuVerSym = 0x6fffffff;
        private const ushort VerFlagWeak = 0x2;
        private const ushort VerSymGlobal = 1;

        /// <summary>What <see cref="Patch"/> found and did.</summary>
        public enum Outcome
        {
            /// <summary>The requirement was made weak and the anchor symbol unversioned.</summary>
            Patched,
            /// <summary>Already patched earlier: nothing to change.</summary>
            AlreadyPatched,
            /// <summary>The library does not require the version (another TorchSharp build): nothing to change.</summary>
            NotRequired,
            /// <summary>Other symbols need the version too; patching would break them, so nothing changed.</summary>
            Refused,
            /// <summary>Not an ELF64 little-endian file with version sections: nothing changed.</summary>
            NotApplicable,
        }

        /// <summary>Patches <paramref name="elf"/> in memory and says what happened.</summary>
        /// <param name="elf">The whole file; modified only when the result is <see cref="Outcome.Patched"/>.</param>
        /// <param name="library">The needed library whose version requirement is relaxed (libstdc++.so.6).</param>
        /// <param name="version">The version to make weak (GLIBCXX_3.4.32).</param>
        /// <param name="anchorSymbol">The only symbol allowed to need that version; it becomes unversioned.</param>
        /// <param name="detail">A human-readable explanation for build logs.</param>
        public static Outcome Patch(byte[] elf, string library, string version, string anchorSymbol, out string detail)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
                || elf[4] != 2 /* ELFCLASS64 */ || elf[5] != 1 /* ELFDATA2LSB */)
            {
                detail = "not an ELF64 little-endian file";
                return Outcome.NotApplicable;
            }

            var sectionTable = (long)U64(elf, 0x28);
            var sectionSize = U16(elf, 0x3a);
            var sectionCount = U16(elf, 0x3c);
            int verNeedIndex = -1, verSymIndex = -1, dynSymIndex = -1;
            var sections = new List<Section>();
            for (var i = 0; i < sectionCount; i++)
            {
                var at = sectionTable + (long)i * sectionSize;
                if (at + 64 > elf.Length)
                {
                    detail = "section header table lies outside the file";
                    return Outcome.NotApplicable;
                }

                var section = new Section(U32(elf, at + 4), (long)U64(elf, at + 0x18), (long)U64(elf, at + 0x20),
                    U32(elf, at + 0x28), U32(elf, at + 0x2c));
                sections.Add(section);
                if (section.Type == ShtGnuVerNeed) verNeedIndex = i;
                if (section.Type == ShtGnuVerSym) verSymIndex = i;
                if (section.Type == ShtDynSym) dynSymIndex = i;
            }

            if (verNeedIndex < 0 || verSymIndex < 0 || dynSymIndex < 0)
            {
                detail = "no .gnu.version_r, .gnu.version or .dynsym section";
                return Outcome.NotApplicable;
            }

            var verNeed = sections[verNeedIndex];
            var verSym = sections[verSymIndex];
            var dynSym = sections[dynSymIndex];

            // 1. Find the Vernaux entry "version" under the Verneed entry of "library".
            var needStrings = sections[(int)verNeed.Link].Offset;
            long auxAt = -1;
            var need = verNeed.Offset;
            for (var n = 0u; n < verNeed.Info; n++)
            {
                var file = CString(elf, needStrings + U32(elf, need + 4));
                var aux = need + U32(elf, need + 8);
                for (var a = 0; a < U16(elf, need + 2); a++)
                {
                    if (file == library && CString(elf, needStrings + U32(elf, aux + 8)) == version)
                    {
                        auxAt = aux;
                    }

                    aux += U32(elf, aux + 12);
                }

                need += U32(elf, need + 12);
            }

            if (auxAt < 0)
            {
                detail = "does not require " + version + " of " + library;
                return Outcome.NotRequired;
            }

            var versionIndex = (ushort)(U16(elf, auxAt + 6) & 0x7fff);
            var alreadyWeak = (U16(elf, auxAt + 4) & VerFlagWeak) != 0;

            // 2. Which dynamic symbols carry that version index?
            var symbolStrings = sections[(int)dynSym.Link].Offset;
            var symbolCount = dynSym.Size / 24;
            var anchorIndices = new List<long>();
            var others = new List<string>();
            for (long s = 0; s < symbolCount; s++)
            {
                var versym = verSym.Offset + s * 2;
                if ((U16(elf, versym) & 0x7fff) != versionIndex)
                {
                    continue;
                }

                var name = CString(elf, symbolStrings + U32(elf, dynSym.Offset + s * 24));
                var undefined = U16(elf, dynSym.Offset + s * 24 + 6) == 0;
                if (name == anchorSymbol && undefined)
                {
                    anchorIndices.Add(s);
                }
                else
                {
                    others.Add(name);
                }
            }

            if (others.Count > 0)
            {
                detail = "symbols other than " + anchorSymbol + " need " + version + " (" + string.Join(", ", others) + ")";
                return Outcome.Refused;
            }

            if (alreadyWeak && anchorIndices.Count == 0)
            {
                detail = version + " is already weak and no symbol needs it";
                return Outcome.AlreadyPatched;
            }

            Put16(elf, auxAt + 4, (ushort)(U16(elf, auxAt + 4) | VerFlagWeak));
            foreach (var s in anchorIndices)
            {
                Put16(elf, verSym.Offset + s * 2, VerSymGlobal);
            }

            detail = "made " + version + " of " + library + " weak and unversioned " + anchorIndices.Count + " reference(s) to " + anchorSymbol;
            return Outcome.Patched;
        }

        /// <summary>
        /// Writes a patched copy of <paramref name="source"/> to <paramref name="destination"/>. The source
        /// is only read (it may be the NuGet cache); the destination is replaced through a temporary file.
        /// </summary>
        public static Outcome PatchCopy(string source, string destination, out string detail)
        {
            var bytes = File.ReadAllBytes(source);
            var outcome = Patch(bytes, LibStdCxx, Glibcxx3432, IosBaseLibraryInit, out detail);
            var directory = Path.GetDirectoryName(Path.GetFullPath(destination));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            // A unique temporary name: parallel builds of the same project may patch at the same time.
            var temporary = destination + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            try
            {
                if (File.Exists(destination))
                {
                    File.Delete(destination);
                }

                File.Move(temporary, destination);
            }
            catch (IOException) when (File.Exists(destination))
            {
                // Another build wrote the same bytes first.
                File.Delete(temporary);
            }

            return outcome;
        }

        private sealed class Section
        {
            public Section(uint type, long offset, long size, uint link, uint info)
            {
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                Info = info;
            }

            public uint Type { get; }
            public long Offset { get; }
            public long Size { get; }
            public uint Link { get; }
            public uint Info { get; }
        }

        private static ushort U16(byte[] b, long at) => (ushort)(b[at] | b[at + 1] << 8);

        private static uint U32(byte[] b, long at) => (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

        private static ulong U64(byte[] b, long at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

        private static void Put16(byte[] b, long at, ushort value)
        {
            b[at] = (byte)value;
            b[at + 1] = (byte)(value >> 8);
        }

        private static string CString(byte[] b, long at)
        {
            var end = at;
            while (end < b.Length && b[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(b, (int)at, (int)(end - at));
        }
    }

#if !ELF_PATCHER_WITHOUT_MSBUILD
    /// <summary>MSBuild task: copies libLibTorchSharp.so from the package to the build output, patched.</summary>
    public sealed class PatchLibTorchSharpForOldGlibcxx : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public string Source { get; set; } = "";

        [Microsoft.Build.Framework.Required]
        public string Destination { get; set; } = "";

        public override bool Execute()
        {
            try
            {
                var outcome = ElfVersionPatcher.PatchCopy(Source, Destination, out var detail);
                var message = "libLibTorchSharp.so GLIBCXX fix: " + outcome + ": " + detail + " -> " + Destination;
                if (outcome == ElfVersionPatcher.Outcome.Refused)
                {
                    // The copy is unchanged; the LSTM reports the load failure with its remedy at run time.
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High, message);
                }
                else
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal, message);
                }

                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is IndexOutOfRangeException)
            {
                Log.LogError("libLibTorchSharp.so GLIBCXX fix: cannot patch " + Source + " into " + Destination + ": " + e.Message);
                return false;
            }
        }
    }
#endif
}
