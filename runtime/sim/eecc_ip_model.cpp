// eecc_ip_model.cpp: the software model of the eecc IP (see eecc_ip_model.h).
#include "eecc_ip_model.h"

#include "eecc_design.h"
#include "eecc_ip.h"
#include "xeecc_ip_hw.h"

namespace {

constexpr uint32_t kApStart = 0x1, kApDone = 0x2, kApIdle = 0x4, kApReady = 0x8;
constexpr uint32_t kRegisterCount = XEECC_IP_CONTROL_SPAN / 4;

struct Model {
  uint32_t registers[kRegisterCount] = {};
  bool done = false;
  bool running = false; // started and hung
  int hangs = 0;
  uint32_t stray = 0;
};

Model &model() {
  static Model instance;
  return instance;
}

uint32_t &reg(uint32_t offset) { return model().registers[offset / 4]; }

uint64_t address(uint32_t offset) {
  return uint64_t(reg(offset)) | (uint64_t(reg(offset + 4)) << 32);
}

// An output register pair: the value and its ap_vld bit.
void setOutput(uint32_t dataOffset, uint32_t controlOffset, uint32_t value) {
  reg(dataOffset) = value;
  reg(controlOffset) = 1;
}

void start() {
  Model &m = model();
  if (m.hangs > 0) {
    --m.hangs;
    m.running = true;
    return;
  }
  int exitId = -1, predictedClass = -1;
  unsigned designId = 0;
  eecc_ip(int(reg(XEECC_IP_CONTROL_ADDR_COMMAND_DATA)),
          reinterpret_cast<const float *>(uintptr_t(address(XEECC_IP_CONTROL_ADDR_INPUT_DATA_DATA))),
          reinterpret_cast<float *>(uintptr_t(address(XEECC_IP_CONTROL_ADDR_LOGITS_DATA))), &exitId,
          &predictedClass, &designId);
  setOutput(XEECC_IP_CONTROL_ADDR_EXIT_ID_DATA, XEECC_IP_CONTROL_ADDR_EXIT_ID_CTRL, uint32_t(exitId));
  setOutput(XEECC_IP_CONTROL_ADDR_PREDICTED_CLASS_DATA, XEECC_IP_CONTROL_ADDR_PREDICTED_CLASS_CTRL,
            uint32_t(predictedClass));
  setOutput(XEECC_IP_CONTROL_ADDR_DESIGN_ID_DATA, XEECC_IP_CONTROL_ADDR_DESIGN_ID_CTRL, designId);
  m.done = true;
}

bool inRange(uintptr_t address, uint32_t &offset) {
  if (address < EECC_IP_BASEADDR || address >= EECC_IP_BASEADDR + XEECC_IP_CONTROL_SPAN ||
      (address & 3) != 0) {
    ++model().stray;
    return false;
  }
  offset = uint32_t(address - EECC_IP_BASEADDR);
  return true;
}

} // namespace

extern "C" uint32_t eecc_ip_model_read(uintptr_t address) {
  uint32_t offset;
  if (!inRange(address, offset))
    return 0;
  Model &m = model();
  if (offset == XEECC_IP_CONTROL_ADDR_AP_CTRL) {
    uint32_t value = (m.done ? kApDone : 0) | (m.running ? 0 : kApIdle | kApReady);
    m.done = false; // ap_done is clear-on-read
    return value;
  }
  uint32_t value = reg(offset);
  if (offset == XEECC_IP_CONTROL_ADDR_EXIT_ID_CTRL ||
      offset == XEECC_IP_CONTROL_ADDR_PREDICTED_CLASS_CTRL ||
      offset == XEECC_IP_CONTROL_ADDR_DESIGN_ID_CTRL)
    reg(offset) = 0; // ap_vld is clear-on-read
  return value;
}

extern "C" void eecc_ip_model_write(uintptr_t address, uint32_t value) {
  uint32_t offset;
  if (!inRange(address, offset))
    return;
  if (offset == XEECC_IP_CONTROL_ADDR_AP_CTRL) {
    if ((value & kApStart) && !model().running)
      start();
    return;
  }
  reg(offset) = value;
}

extern "C" void eecc_ip_model_hang(int starts) { model().hangs = starts; }

extern "C" uint32_t eecc_ip_model_stray_accesses(void) { return model().stray; }
