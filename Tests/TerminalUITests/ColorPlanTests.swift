import MemblockView
import XCTest
@testable import TerminalUI

final class ColorModeTests: XCTestCase {
    func test_detect_followsTheTerminalsColourCount() {
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 256, noColor: nil, preference: nil), .xterm256)
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 16, noColor: nil, preference: nil), .basic8)
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 8, noColor: nil, preference: nil), .basic8)
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 2, noColor: nil, preference: nil), .none)
        XCTAssertEqual(ColorMode.resolve(hasColors: false, colors: 0, noColor: nil, preference: nil), .none)
    }

    func test_detect_honoursNoColor_onlyWhenSetAndNonEmpty() {
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 256, noColor: "1", preference: nil), .none)
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 256, noColor: "", preference: nil), .xterm256)
    }

    func test_preference_overridesNoColor_butNeverExceedsTheTerminal() {
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 256, noColor: "1", preference: .basic8), .basic8)
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 8, noColor: nil, preference: .xterm256), .basic8)
        XCTAssertEqual(ColorMode.resolve(hasColors: false, colors: 0, noColor: nil, preference: .xterm256), .none)
        XCTAssertEqual(ColorMode.resolve(hasColors: true, colors: 256, noColor: nil, preference: ColorMode.none), .none)
    }
}

final class ColorPlanTests: XCTestCase {
    private let orange = RGB(255, 135, 0)
    private let navy = RGB(0, 0, 128)

    func test_xterm256_mapsColoursThroughThePalette_andKeepsAttributes() {
        let style = Style(foreground: orange, background: navy, bold: true, underline: true)
        XCTAssertEqual(ColorPlan.appearance(of: style, mode: .xterm256),
                       CellAppearance(foreground: orange.xterm256, background: navy.xterm256,
                                      bold: true, underline: true))
    }

    func test_missingColours_areTheTerminalDefault() {
        let look = ColorPlan.appearance(of: Style(foreground: orange), mode: .xterm256)
        XCTAssertEqual(look.background, -1)
        XCTAssertFalse(look.usesDefaultColors)
        XCTAssertTrue(ColorPlan.appearance(of: Style(bold: true), mode: .basic8).usesDefaultColors)
    }

    func test_basic8_mapsColoursToAnsi() {
        let look = ColorPlan.appearance(of: Style(foreground: RGB(220, 0, 0), background: RGB(0, 0, 230)), mode: .basic8)
        XCTAssertEqual(look.foreground, 1)
        XCTAssertEqual(look.background, 4)
    }

    func test_basic8_textThatCollapsesOntoItsBackground_getsTheOppositeExtreme() {
        let dark = ColorPlan.appearance(of: Style(foreground: RGB(30, 30, 30), background: RGB(0, 0, 0)), mode: .basic8)
        XCTAssertEqual(dark.foreground, 7)
        XCTAssertEqual(dark.background, 0)
        let light = ColorPlan.appearance(of: Style(foreground: RGB(250, 250, 250), background: RGB(229, 229, 229)),
                                         mode: .basic8)
        XCTAssertEqual(light.foreground, 0)
    }

    func test_mono_dropsColours_keepsAttributes() {
        let look = ColorPlan.appearance(of: Style(foreground: orange, bold: true, underline: true), mode: .none)
        XCTAssertEqual(look, CellAppearance(bold: true, underline: true))
    }

    func test_mono_stylesWithABackground_becomeReverseVideo() {
        XCTAssertTrue(ColorPlan.appearance(of: Style(foreground: navy, background: orange), mode: .none).reverse)
        // Already reversed: reversing again would cancel it.
        XCTAssertTrue(ColorPlan.appearance(of: Style(background: orange, reverse: true), mode: .none).reverse)
    }

    func test_plan_coversEveryRole_fallingBackToNormal() {
        let theme = Theme(name: "t", styles: [.normal: Style(foreground: orange), .error: Style(foreground: navy)])
        let plan = ColorPlan(theme: theme, mode: .xterm256)
        XCTAssertEqual(plan.appearances.count, StyleRole.allCases.count)
        XCTAssertEqual(plan[.error].foreground, navy.xterm256)
        XCTAssertEqual(plan[.reserved].foreground, orange.xterm256)
    }

    func test_plan_ofAThemeWithoutStyles_isAllDefaults() {
        let plan = ColorPlan(theme: Theme(name: "empty", styles: [:]), mode: .xterm256)
        XCTAssertTrue(plan.appearances.values.allSatisfy { $0 == CellAppearance() })
    }

    func test_switchingThemes_changesThePlan() {
        let a = Theme(name: "a", styles: [.memoryFree: Style(foreground: orange)])
        let b = Theme(name: "b", styles: [.memoryFree: Style(foreground: navy)])
        XCTAssertNotEqual(ColorPlan(theme: a, mode: .xterm256)[.memoryFree],
                          ColorPlan(theme: b, mode: .xterm256)[.memoryFree])
    }
}

final class PairAllocatorTests: XCTestCase {
    func test_defaultColours_arePairZero_andUseNoSlot() {
        var pairs = PairAllocator(capacity: 4)
        XCTAssertTrue(pairs.pair(foreground: -1, background: -1)! == (0, false))
        XCTAssertEqual(pairs.count, 0)
    }

    func test_pairsAreNumberedFromOne_andSharedPerCombination() {
        var pairs = PairAllocator(capacity: 4)
        XCTAssertTrue(pairs.pair(foreground: 1, background: -1)! == (1, true))
        XCTAssertTrue(pairs.pair(foreground: 2, background: -1)! == (2, true))
        XCTAssertTrue(pairs.pair(foreground: 1, background: -1)! == (1, false))
        XCTAssertTrue(pairs.pair(foreground: -1, background: 1)! == (3, true))
        XCTAssertEqual(pairs.count, 3)
    }

    func test_fullTable_returnsNil_untilReset() {
        var pairs = PairAllocator(capacity: 1)
        XCTAssertNotNil(pairs.pair(foreground: 1, background: 2))
        XCTAssertNil(pairs.pair(foreground: 3, background: 4))
        XCTAssertTrue(pairs.pair(foreground: 1, background: 2)! == (1, false))
        pairs.reset()
        XCTAssertTrue(pairs.pair(foreground: 3, background: 4)! == (1, true))
    }

    func test_zeroCapacity_stillServesTheDefaults() {
        var pairs = PairAllocator(capacity: -5)
        XCTAssertEqual(pairs.capacity, 0)
        XCTAssertNotNil(pairs.pair(foreground: -1, background: -1))
        XCTAssertNil(pairs.pair(foreground: 0, background: 0))
    }
}
