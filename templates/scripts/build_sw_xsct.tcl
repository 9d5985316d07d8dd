# build_sw_xsct.tcl: the board application with XSCT (Vitis 2023.1 and older):
#   xsct build_sw_xsct.tcl
# The same platform and application as build_sw.py.
set script_dir [file dirname [file normalize [info script]]]
source [file join $script_dir options.tcl]
set root [file normalize [file join $script_dir ..]]
set xsa [file join $root $eecc(xsa)]
if {![file exists $xsa]} {
  puts "eecc: ERROR: $xsa is missing: run the bitstream step first (make xsa)"
  exit 1
}
set workspace [file join $root build vitis_xsct]
file mkdir $workspace
setws $workspace
platform create -name $eecc(platform) -hw $xsa -proc $eecc(cpu) -os standalone -out $workspace
platform write
platform generate
app create -name $eecc(app) -platform $eecc(platform) -domain $eecc(domain) \
  -template {Empty Application(C)} -lang c
importsources -name $eecc(app) -path [file join $root runtime src]
app build -name $eecc(app)
puts "eecc: built [file join $workspace $eecc(app) Debug $eecc(app).elf]"
exit
