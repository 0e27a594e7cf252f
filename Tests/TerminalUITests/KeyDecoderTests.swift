import CNcursesw
import XCTest
@testable import TerminalUI

final class KeyDecoderTests: XCTestCase {
    func test_printableCharacters_decodeAsThemselves() {
        XCTAssertEqual(KeyDecoder.decode(.character(0x71)), .character("q"))
        XCTAssertEqual(KeyDecoder.decode(.character(0x20)), .character(" "))
        XCTAssertEqual(KeyDecoder.decode(.character(0xE9)), .character("é"))
        XCTAssertEqual(KeyDecoder.decode(.character(0x2588)), .character("█"))
    }

    func test_controlCharactersThatNameKeys_decodeAsThoseKeys() {
        XCTAssertEqual(KeyDecoder.decodeCharacter(9), .tab)
        XCTAssertEqual(KeyDecoder.decodeCharacter(13), .enter)  // Return under nonl()
        XCTAssertEqual(KeyDecoder.decodeCharacter(10), .enter)
        XCTAssertEqual(KeyDecoder.decodeCharacter(27), .escape)
        XCTAssertEqual(KeyDecoder.decodeCharacter(127), .backspace)
        XCTAssertEqual(KeyDecoder.decodeCharacter(8), .backspace)
    }

    func test_otherControlCharacters_stayUnknown_neverText() {
        XCTAssertEqual(KeyDecoder.decodeCharacter(1), .unknown(1))  // ^A
        XCTAssertEqual(KeyDecoder.decodeCharacter(0), .unknown(0))
    }

    func test_invalidScalar_isUnknown() {
        XCTAssertEqual(KeyDecoder.decodeCharacter(0xD800), .unknown(0xD800))
    }

    func test_navigationKeyCodes_decode() {
        let expected: [(Int32, Key)] = [
            (mbviz_key_up(), .up), (mbviz_key_down(), .down), (mbviz_key_left(), .left),
            (mbviz_key_right(), .right), (mbviz_key_ppage(), .pageUp), (mbviz_key_npage(), .pageDown),
            (mbviz_key_home(), .home), (mbviz_key_end(), .end), (mbviz_key_enter(), .enter),
            (mbviz_key_backspace(), .backspace), (mbviz_key_btab(), .backTab), (mbviz_key_resize(), .resize),
        ]
        for (code, key) in expected {
            XCTAssertEqual(KeyDecoder.decode(.keyCode(code)), key, "code \(code)")
        }
    }

    func test_keypadCorners_decodeAsHomeEndAndPages() {
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_a1()), .home)
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_c1()), .end)
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_a3()), .pageUp)
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_c3()), .pageDown)
    }

    func test_functionKeys_areNumberedFromOne() {
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_f0() + 1), .function(1))
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_f0() + 12), .function(12))
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_fmax()), .function(63))
    }

    func test_unmappedKeyCode_isUnknownWithItsCode() {
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_f0()), .unknown(mbviz_key_f0()))
        XCTAssertEqual(KeyDecoder.decodeKeyCode(mbviz_key_mouse()), .unknown(mbviz_key_mouse()))
    }

    func test_mouse_wheelAndPrimaryButton_decode() {
        func kind(_ state: mmask_t) -> MouseEvent.Kind? {
            KeyDecoder.decodeMouse(x: 3, y: 4, buttonState: state)?.kind
        }
        XCTAssertEqual(kind(mbviz_button4_pressed()), .wheelUp)
        XCTAssertEqual(kind(mbviz_button5_pressed()), .wheelDown)
        XCTAssertEqual(kind(mbviz_button1_pressed()), .press)
        XCTAssertEqual(kind(mbviz_button1_released()), .release)
        XCTAssertEqual(kind(mbviz_button1_clicked()), .click)
        XCTAssertEqual(kind(mbviz_button1_double_clicked()), .click)
        XCTAssertEqual(kind(mbviz_report_mouse_position()), .move)
    }

    func test_mouse_keepsPosition() {
        XCTAssertEqual(KeyDecoder.decodeMouse(x: 10, y: 3, buttonState: mbviz_button1_pressed()),
                       MouseEvent(x: 10, y: 3, kind: .press))
    }

    func test_mouse_wheelWinsOverAPositionReport() {
        let state = mbviz_button4_pressed() | mbviz_report_mouse_position()
        XCTAssertEqual(KeyDecoder.decodeMouse(x: 0, y: 0, buttonState: state)?.kind, .wheelUp)
    }

    func test_mouse_otherButtons_areNotReported() {
        XCTAssertNil(KeyDecoder.decodeMouse(x: 0, y: 0, buttonState: 0))
        // Button 3 (right) pressed: bit 2 of its 5-bit group (NCURSES_MOUSE_VERSION 2).
        XCTAssertNil(KeyDecoder.decodeMouse(x: 0, y: 0, buttonState: mbviz_button1_pressed() << 10))
    }
}
