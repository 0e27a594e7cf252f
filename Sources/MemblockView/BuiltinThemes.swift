// The built-in themes' text, identical to themes/*.theme (ThemeTests checks it; after
// editing a theme file, paste its text here).

/// The built-in themes' text, so the binary works without the themes/ directory.
enum BuiltinThemes {
    /// Theme text by name, in `ThemeLoader.builtinNames` order.
    static let texts: [(name: String, text: String)] = [
        ("default", #"""
# default: the dark theme mbviz starts with.
# Format: role = FG [on BG] [bold] [underline] [reverse]   (see README.md)

normal           = default
dim              = #8a8a8a
title            = #e4e4e4 bold
border           = #585858
key              = #87d7ff bold

# The address band: what the memory is.
memoryFree       = #5faf5f
reserved         = #ffaf00
reservedNoMemory = #d75f87
nomap            = #8787d7
hotplug          = #00afaf
mirror           = #5fafff
driverManaged    = #d787d7
physmem          = #d7af87
hole             = #444444
buddy            = #5fd7d7

# What the current step did.
changed          = #ffff5f bold
removed          = #875f5f
selected         = #000000 on #87afd7
highlight        = #000000 on #ffd700 bold

ok               = #87d75f
warning          = #ffaf00
error            = #ff5f5f bold
status           = #d0d0d0 on #303030
caption          = #ffffd7 on #303a5f

"""#),
        ("light", #"""
# light: for terminals with a light background.
# Format: role = FG [on BG] [bold] [underline] [reverse]   (see README.md)

normal           = default
dim              = #6c6c6c
title            = #000000 bold
border           = #a8a8a8
key              = #005f87 bold

# The address band: what the memory is.
memoryFree       = #5f8700
reserved         = #af5f00
reservedNoMemory = #af005f
nomap            = #5f5faf
hotplug          = #008787
mirror           = #005faf
driverManaged    = #875f87
physmem          = #875f00
hole             = #d0d0d0
buddy            = #008787

# What the current step did.
changed          = #000000 on #ffff87 bold
removed          = #af8787
selected         = #000000 on #afd7ff
highlight        = #000000 on #ffd75f bold

ok               = #008700
warning          = #af5f00
error            = #d70000 bold
status           = #000000 on #d0d0d0
caption          = #000000 on #ffffaf

"""#),
        ("projector", #"""
# projector: high contrast for lecture halls. Saturated colours that survive a washed-out
# beamer, bold text, black background.
# Format: role = FG [on BG] [bold] [underline] [reverse]   (see README.md)

normal           = #ffffff on #000000
dim              = #d0d0d0 on #000000
title            = #ffffff on #000000 bold
border           = #ffffff on #000000
key              = #00ffff on #000000 bold

# The address band: what the memory is.
memoryFree       = #00ff00 on #000000
reserved         = #ff0000 on #000000 bold
reservedNoMemory = #ff00ff on #000000 bold
nomap            = #0087ff on #000000
hotplug          = #00ffff on #000000
mirror           = #ffffff on #000000
driverManaged    = #ff87ff on #000000
physmem          = #ffff00 on #000000
hole             = #000000 on #000000
buddy            = #00ffff on #000000 bold

# What the current step did.
changed          = #000000 on #ffff00 bold
removed          = #ff8700 on #000000 underline
selected         = #000000 on #ffffff bold
highlight        = #000000 on #00ff00 bold

ok               = #00ff00 on #000000 bold
warning          = #ffff00 on #000000 bold
error            = #ffffff on #d70000 bold
status           = #000000 on #ffffff bold
caption          = #ffffff on #0000af bold

"""#),
        ("mono", #"""
# mono: no colour at all; roles differ by bold, underline and reverse only. The band's
# glyphs (█ reserved, ░ free, ▒ nomap, ╪ hotplug, ═ mirror, ▚ driver-managed) still tell
# the kinds apart.
# Format: role = FG [on BG] [bold] [underline] [reverse]   (see README.md)

normal           = default
dim              = default
title            = default bold
border           = default
key              = default bold

memoryFree       = default
reserved         = default bold
reservedNoMemory = default
nomap            = default
hotplug          = default
mirror           = default
driverManaged    = default
physmem          = default
hole             = default
buddy            = default bold

changed          = default bold underline
removed          = default underline
selected         = default reverse
highlight        = default reverse bold

ok               = default bold
warning          = default bold
error            = default bold reverse
status           = default reverse
caption          = default reverse bold

"""#),
        ("colorblind", #"""
# colorblind: the Okabe–Ito palette, distinguishable with the common forms of colour
# blindness (orange #e69f00, sky blue #56b4e9, bluish green #009e73, yellow #f0e442,
# blue #0072b2, vermillion #d55e00, reddish purple #cc79a7). Dark background.
# Format: role = FG [on BG] [bold] [underline] [reverse]   (see README.md)

normal           = default
dim              = #999999
title            = #ffffff bold
border           = #666666
key              = #56b4e9 bold

# The address band: what the memory is.
memoryFree       = #56b4e9
reserved         = #e69f00
reservedNoMemory = #d55e00
nomap            = #cc79a7
hotplug          = #009e73
mirror           = #0072b2
driverManaged    = #f0e442
physmem          = #cc79a7
hole             = #444444
buddy            = #009e73

# What the current step did.
changed          = #f0e442 bold
removed          = #999999 underline
selected         = #000000 on #56b4e9
highlight        = #000000 on #f0e442 bold

ok               = #009e73
warning          = #e69f00
error            = #d55e00 bold
status           = #ffffff on #333333
caption          = #000000 on #e69f00

"""#),
    ]
}
