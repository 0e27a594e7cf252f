import XCTest
import Memblock
@testable import MemblockTrace

/// Every directive, read into the trace model.
final class DirectiveTests: XCTestCase {
    func test_mbtrace_setsTheVersion_andIsOptional() {
        XCTAssertEqual(parseOK("@mbtrace 1\n")?.version, 1)
        XCTAssertNil(parseOK("memblock_allow_resize\n")?.version)
        XCTAssertEqual(parseOK("# comment first\n\n@mbtrace 1\n")?.version, 1)
    }

    func test_arch_isStoredBareOrQuoted() {
        XCTAssertEqual(parseOK("@arch x86_64\n")?.arch, "x86_64")
        XCTAssertEqual(parseOK("@arch \"arm 64\"\n")?.arch, "arm 64")
    }

    func test_configWithoutLines_isTheFormatsDefaults() {
        let config = parseOK("memblock_allow_resize\n")?.config
        XCTAssertEqual(config, MemblockConfig())
        XCTAssertEqual(config?.maxNumnodes, 64)
        XCTAssertEqual(config?.initReservedRegions, 128)
        XCTAssertEqual(config?.lowLimit, 0xffff_ffff)
    }

    func test_configEveryKey_isStored() {
        let text = """
            @config numa=1 page_size=16K max_order=13 init_memblock_regions=8 init_memblock_reserved_regions=385
            @config low_limit=0x3fffffff max_numnodes=16 smp_cache_bytes=256 mirrored_kernelcore=1
            @config movable_node=true phys_map=1 init_physmem_regions=4
            """
        XCTAssertEqual(parseOK(text)?.config, MemblockConfig(
            numa: true, maxNumnodes: 16, pageSize: 16384, maxOrder: 13, initMemoryRegions: 8,
            initReservedRegions: 385, initPhysmemRegions: 4, physMap: true, smpCacheBytes: 256,
            lowLimit: 0x3fff_ffff, movableNode: true, mirroredKernelcore: true))
    }

    func test_configDerivedDefaults_followTheKeysTheyDependOn() {
        XCTAssertEqual(parseOK("@config numa=0\n")?.config.maxNumnodes, 1)
        XCTAssertEqual(parseOK("@config numa=0 max_numnodes=4\n")?.config.maxNumnodes, 4)
        XCTAssertEqual(parseOK("@config init_memblock_regions=16\n")?.config.initReservedRegions, 16)
        XCTAssertEqual(parseOK("@config init_memblock_regions=16 init_memblock_reserved_regions=32\n")?.config.initReservedRegions, 32)
    }

    func test_configLowLimitAcceptsAddressConstants() {
        XCTAssertEqual(parseOK("@config low_limit=ANYWHERE\n")?.config.lowLimit, .max)
    }

    func test_configRuntimeKeysAfterTheFirstStep_becomeSettingChangesOfTheNextStep() {
        let text = """
            @config low_limit=0xffffffff
            memblock_allow_resize
            @config low_limit=0x3fffffff movable_node=1
            @config mirrored_kernelcore=1
            memblock_alloc_low 4K 4K
            memblock_dump_all
            @config movable_node=0
            """
        guard let t = parseOK(text) else { return }
        XCTAssertEqual(t.config.lowLimit, 0xffff_ffff)
        XCTAssertEqual(t.steps[0].settings, [])
        XCTAssertEqual(t.steps[1].settings, [.lowLimit(0x3fff_ffff), .movableNode(true), .mirroredKernelcore(true)])
        XCTAssertEqual(t.steps[2].settings, [])
        XCTAssertEqual(t.trailingSettings, [.movableNode(false)])
    }

    func test_settingChange_appliesToAConfig() {
        var config = MemblockConfig()
        SettingChange.lowLimit(0x1000).apply(to: &config)
        SettingChange.movableNode(true).apply(to: &config)
        SettingChange.mirroredKernelcore(true).apply(to: &config)
        XCTAssertEqual(config.lowLimit, 0x1000)
        XCTAssertTrue(config.movableNode)
        XCTAssertTrue(config.mirroredKernelcore)
    }

    func test_node_namesNodes_withEscapes() {
        let t = parseOK("@node 0 \"socket 0\"\n@node 1 \"say \\\"hi\\\" \\\\o/\"\n@node NUMA_NO_NODE \"any\"\n")
        XCTAssertEqual(t?.nodeNames, [0: "socket 0", 1: "say \"hi\" \\o/", -1: "any"])
    }

    func test_phase_startsAtTheNextStep_andStepsKnowTheirPhase() {
        let text = """
            memblock_allow_resize
            @phase "e820"
            memblock_add 0 4K
            memblock_add 8K 4K
            @phase "empty"
            @phase "reserve"
            memblock_reserve 0 4K
            @phase "after the end"
            """
        guard let t = parseOK(text) else { return }
        XCTAssertEqual(t.phases.map(\.name), ["e820", "empty", "reserve", "after the end"])
        XCTAssertEqual(t.phases.map(\.firstStep), [1, 3, 3, 4])
        XCTAssertEqual(t.phases[0].location, SourceLocation(file: "t.mbtrace", line: 2, column: 1))
        XCTAssertEqual(t.steps.map(\.phase), [nil, 0, 0, 2])
    }

    func test_notes_attachToTheNextStep_joinedByNewlines() {
        let text = """
            @note "first"
            @note "second"
            memblock_allow_resize
            memblock_dump_all
            @note "at the end"
            """
        guard let t = parseOK(text) else { return }
        XCTAssertEqual(t.steps[0].note, "first\nsecond")
        XCTAssertNil(t.steps[1].note)
        XCTAssertEqual(t.trailingNote, "at the end")
    }

    func test_pause_marksTheNextStep() {
        guard let t = parseOK("memblock_allow_resize\n@pause\nmemblock_dump_all\n@pause\n") else { return }
        XCTAssertEqual(t.steps.map(\.pauseBefore), [false, true])
        XCTAssertTrue(t.trailingPause)
    }

    func test_expect_beforeAnyStep_isInitial_andLaterAttachesToThePreviousStep() {
        let text = """
            @config phys_map=1
            @expect memory.cnt=1 bottom_up=0
            memblock_add 0 4K
            @note "notes do not move expectations"
            @expect memory.cnt=1 memory.max=128 memory.total_size=4K reserved.cnt=1
            @expect reserved.max=128 reserved.total_size=0 physmem.cnt=1 bottom_up=true current_limit=ANYWHERE
            memblock_dump_all
            """
        guard let t = parseOK(text) else { return }
        XCTAssertEqual(t.initialExpectations.map(\.key), [.memoryCnt, .bottomUp])
        XCTAssertEqual(t.initialExpectations.map(\.value), [1, 0])
        XCTAssertEqual(t.steps[0].expectations.map(\.key), [
            .memoryCnt, .memoryMax, .memoryTotalSize, .reservedCnt, .reservedMax, .reservedTotalSize,
            .physmemCnt, .bottomUp, .currentLimit,
        ])
        XCTAssertEqual(t.steps[0].expectations.map(\.value), [1, 128, 4096, 1, 128, 0, 1, 1, .max])
        XCTAssertEqual(t.steps[0].expectations[4].location, SourceLocation(file: "t.mbtrace", line: 6, column: 9))
        XCTAssertEqual(t.steps[1].expectations, [])
    }

    func test_expectKeys_areSpelledAsInTheFormat() {
        XCTAssertEqual(ExpectKey.allCases.map(\.rawValue), [
            "memory.cnt", "memory.max", "memory.total_size", "reserved.cnt", "reserved.max",
            "reserved.total_size", "physmem.cnt", "bottom_up", "current_limit",
        ])
    }

    func test_emptyFile_isAValidTraceWithNoSteps() throws {
        let t = try TraceParser.parse([UInt8](), file: "empty.mbtrace")
        XCTAssertEqual(t, Trace(file: "empty.mbtrace"))
        XCTAssertEqual(t.steps.count, 0)
    }

    func test_onlyCommentsAndBlankLines_isAValidTraceWithNoSteps() {
        let t = parseOK("# nothing here\n\n   \t\n# still nothing # really\n")
        XCTAssertEqual(t?.steps.count, 0)
        XCTAssertEqual(t?.config, MemblockConfig())
    }

    func test_commentsAfterTokens_areIgnored_butNotInsideStrings() {
        let t = parseOK("@note \"# not a comment\" # a comment\nmemblock_add 0 4K#tight comment\n")
        XCTAssertEqual(t?.steps.first?.note, "# not a comment")
        XCTAssertEqual(t?.steps.first?.operation, .add(base: .literal(0), size: .literal(4096)))
    }
}
